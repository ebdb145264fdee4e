namespace Analytics.Demo;

/// <summary>Word lists the generator draws names from. Plain data; weights are rough shares of a B2B software market.</summary>
internal static class DemoNames
{
    /// <summary>The company whose year this is: its website hosts the pages visitors read.</summary>
    public const string Site = "https://www.lumora.io";

    public static readonly (string Name, double Weight)[] Industries =
    [
        ("Software", 18), ("Financial Services", 13), ("Healthcare", 10), ("Manufacturing", 11), ("Retail", 8),
        ("Professional Services", 9), ("Telecommunications", 5), ("Media", 5), ("Education", 5), ("Logistics", 6),
        ("Energy", 4), ("Public Sector", 3),
    ];

    /// <summary>Country, share of accounts, office-hours UTC offset, and the domain suffix companies there favour.</summary>
    public static readonly (string Name, double Weight, int UtcOffset, string Tld)[] Countries =
    [
        ("United States", 42, -5, ".com"), ("United Kingdom", 12, 0, ".co.uk"), ("Germany", 9, 1, ".de"),
        ("France", 6, 1, ".fr"), ("Canada", 6, -5, ".ca"), ("Netherlands", 5, 1, ".nl"), ("Australia", 5, 10, ".com.au"),
        ("Sweden", 3, 1, ".se"), ("Spain", 3, 1, ".es"), ("Japan", 3, 9, ".co.jp"), ("Singapore", 3, 8, ".sg"),
        ("Brazil", 3, -3, ".com.br"),
    ];

    /// <summary>Enterprise account executives own Tier 1; the rest share the other tiers.</summary>
    public static readonly string[] EnterpriseOwners = ["Alex Morgan", "Priya Shah"];

    public static readonly string[] MidMarketOwners = ["Daniel Kim", "Sofia Rossi", "Marcus Lee", "Hannah Becker"];

    public static readonly string[] NamePrefixes =
    [
        "North", "Blue", "Bright", "Silver", "Iron", "Red", "Green", "Clear", "Summit", "Harbor", "Pine", "Oak", "Stone",
        "River", "Cedar", "Falcon", "Atlas", "Nova", "Vertex", "Apex", "Polar", "Sun", "Star", "Crest", "Maple", "Granite",
        "Quantum", "Vector", "Orbit", "Prism", "Beacon", "Cobalt", "Coral", "Delta", "Echo", "Ember", "Fjord", "Helix",
        "Horizon", "Indigo", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Radiant", "Sage",
        "Tidal", "Union", "Vista", "Willow", "Zenith", "Alder", "Birch", "Canyon", "Drift", "Everest", "Frontier",
    ];

    /// <summary>Chinese brand names, for some companies in Singapore: a two-character stem and the industry's word.</summary>
    public static readonly string[] ChineseStems =
    [
        "星辰", "华信", "新锐", "恒通", "瑞达", "博远", "汇智", "天成", "嘉禾", "明德", "鼎盛", "远航", "金桥", "云帆", "青松", "海纳",
    ];

    public static readonly Dictionary<string, string> ChineseIndustryWords = new(StringComparer.Ordinal)
    {
        ["Software"] = "软件", ["Financial Services"] = "金融", ["Healthcare"] = "医疗", ["Manufacturing"] = "制造",
        ["Retail"] = "零售", ["Professional Services"] = "咨询", ["Telecommunications"] = "通信", ["Media"] = "传媒",
        ["Education"] = "教育", ["Logistics"] = "物流", ["Energy"] = "能源", ["Public Sector"] = "公共服务",
    };

    public static readonly string[] NameCores =
    [
        "wind", "point", "bridge", "field", "gate", "line", "stream", "path", "works", "labs", "forge", "peak", "wave",
        "ridge", "stack", "scale", "core", "grid", "link", "shift", "mark", "port", "view", "well", "hub", "spring",
    ];

    /// <summary>Second words by industry, so a bank reads like a bank.</summary>
    public static readonly Dictionary<string, string[]> IndustryWords = new(StringComparer.Ordinal)
    {
        ["Software"] = ["Software", "Systems", "Technologies", "Cloud", "Data", "AI"],
        ["Financial Services"] = ["Capital", "Bank", "Financial", "Insurance", "Payments", "Partners"],
        ["Healthcare"] = ["Health", "Medical", "Care", "Biotech", "Clinics", "Pharma"],
        ["Manufacturing"] = ["Industries", "Manufacturing", "Components", "Robotics", "Materials", "Motors"],
        ["Retail"] = ["Retail", "Stores", "Brands", "Outfitters", "Market", "Commerce"],
        ["Professional Services"] = ["Consulting", "Advisory", "Group", "Associates", "Partners", "Legal"],
        ["Telecommunications"] = ["Telecom", "Networks", "Communications", "Mobile", "Fiber", "Connect"],
        ["Media"] = ["Media", "Studios", "Publishing", "Entertainment", "Digital", "Broadcasting"],
        ["Education"] = ["Learning", "Education", "Academy", "University", "Schools", "EdTech"],
        ["Logistics"] = ["Logistics", "Freight", "Shipping", "Transport", "Supply", "Fleet"],
        ["Energy"] = ["Energy", "Power", "Solar", "Utilities", "Renewables", "Resources"],
        ["Public Sector"] = ["Council", "Agency", "Authority", "Services", "Institute", "Trust"],
    };

    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa",
        "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Kevin",
        "Amanda", "Brian", "Melissa", "Olivia", "Noah", "Emma", "Liam", "Sophie", "Lukas", "Lena", "Hugo", "Chloe",
        "Lars", "Ingrid", "Mateo", "Lucia", "Hiroshi", "Yuki", "Wei", "Mei", "Arjun", "Ananya", "Rafael", "Camila",
        "Oliver", "Amelia", "Jack", "Isla", "Finn", "Freya", "Pierre", "Camille", "Sven", "Astrid", "Raj", "Aisha",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
        "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
        "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Müller", "Schmidt", "Schneider", "Fischer",
        "Dubois", "Lefèvre", "Moreau", "Jansen", "de Vries", "Bakker", "Andersson", "Johansson", "Lindqvist",
        "Tanaka", "Suzuki", "Sato", "Chen", "Wang", "Li", "Patel", "Sharma", "Gupta", "Silva", "Santos", "Costa",
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Rossi", "Russo", "Novak", "Kowalski",
    ];

    /// <summary>Buying-committee titles with how often each appears on an account.</summary>
    public static readonly (string Title, double Weight)[] Titles =
    [
        ("Chief Marketing Officer", 2), ("VP Marketing", 4), ("Director of Demand Generation", 5), ("Head of Growth", 3),
        ("Marketing Operations Manager", 7), ("Digital Marketing Manager", 7), ("Content Marketing Manager", 5),
        ("Field Marketing Manager", 4), ("VP Sales", 3), ("Sales Operations Manager", 5), ("Revenue Operations Lead", 4),
        ("Account Executive", 5), ("Chief Technology Officer", 1.5), ("IT Director", 3), ("Data Engineer", 4),
        ("Analytics Manager", 4), ("Product Manager", 4), ("Chief Financial Officer", 1), ("Procurement Manager", 2),
        ("Customer Success Manager", 3),
    ];

    public static readonly string[] FreeMailDomains = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "proton.me", "icloud.com"];

    /// <summary>Blog posts on the vendor's site; visitors land on these from search and social.</summary>
    public static readonly string[] BlogPosts =
    [
        "abm-metrics-that-matter", "building-a-target-account-list", "intent-data-explained", "b2b-attribution-models",
        "linkedin-abm-playbook", "sales-and-marketing-alignment", "pipeline-velocity-guide", "nps-for-b2b-saas",
        "account-scoring-101", "webinar-recap-q3-benchmarks", "crm-hygiene-checklist", "multi-touch-attribution-myths",
        "first-party-data-strategy", "demand-gen-budget-planning", "customer-expansion-plays", "reverse-ip-lookup-limits",
    ];

    public static readonly string[] ProductPages =
    [
        "/product", "/product/account-scoring", "/product/funnel-analytics", "/product/attribution",
        "/product/reports", "/integrations", "/integrations/salesforce", "/integrations/hubspot", "/customers",
        "/security",
    ];

    public static readonly string[] WebinarTopics =
    [
        "ABM benchmarks for mid-market SaaS", "From MQL to pipeline: scoring accounts", "Attribution without the guesswork",
        "Running LinkedIn ABM on a budget", "Executive reporting that gets read", "Sales and marketing, one funnel",
        "Expansion revenue playbook", "Planning next year's demand gen",
    ];
}
