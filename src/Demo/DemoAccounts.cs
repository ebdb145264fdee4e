using System.Globalization;
using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// Target accounts in three tiers plus accounts outside the programme, with names, domains, sizes and owners, and the
/// target lists they sit on. About 10% Tier 1, 30% Tier 2, 60% Tier 3, like a typical ABM programme.
/// </summary>
internal static class DemoAccounts
{
    public const string EnterpriseList = "Enterprise ABM";
    public const string MidMarketList = "Mid-market expansion";
    public const string VelocityList = "SMB velocity";
    public const string DisplacementList = "Competitive displacement";

    public static List<DemoAccount> Generate(int seed, double scale)
    {
        var random = DemoRandom.For(seed, "accounts");
        var targets = Math.Max(30, (int)Math.Round(2000 * scale));
        var others = Math.Max(10, (int)Math.Round(600 * scale));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var accounts = new List<DemoAccount>(targets + others);
        for (var i = 0; i < targets + others; i++)
        {
            string? tier = null;
            if (i < targets)
            {
                var share = (double)i / targets;
                tier = share < 0.1 ? "Tier 1" : share < 0.4 ? "Tier 2" : "Tier 3";
            }

            accounts.Add(NewAccount(random, i + 1, tier, names));
        }

        // Shuffle so ids do not give the tier away.
        var order = accounts.Select(_ => random.NextDouble()).ToArray();
        var shuffled = accounts.Zip(order).OrderBy(p => p.Second).Select(p => p.First).ToList();
        AssignLists(random, shuffled);
        return shuffled;
    }

    private static DemoAccount NewAccount(DemoRandom random, int number, string? tier, HashSet<string> names)
    {
        var industry = random.PickWeighted(DemoNames.Industries.Select(x => (x.Name, x.Weight)).ToList());
        var country = DemoNames.Countries[random.PickWeighted(DemoNames.Countries.Select(x => x.Weight).ToList())];
        var name = UniqueName(random, industry, names);
        var domain = DomainOf(name, country.Tld);
        // Every other company in Singapore goes by a Chinese name (its domain keeps the romanised one), so names in CJK
        // show in the UI and the PDF as a real APAC customer base has them. Chosen by number: the random draws stay as they were.
        var chinese = DemoNames.ChineseStems[number / 2 % DemoNames.ChineseStems.Length] + DemoNames.ChineseIndustryWords[industry];
        if (country.Name == "Singapore" && number % 2 == 0 && names.Add(chinese))
        {
            name = chinese;
        }

        var employees = tier switch
        {
            "Tier 1" => random.LogUniform(2_000, 60_000),
            "Tier 2" => random.LogUniform(250, 3_000),
            "Tier 3" => random.LogUniform(40, 600),
            _ => random.LogUniform(15, 1_500),
        };
        var headcount = (uint)RoundTo(employees, employees > 1000 ? 100 : 10);
        var revenue = RoundTo(headcount * random.Uniform(120_000, 420_000), 100_000);
        var owner = tier switch
        {
            "Tier 1" => random.Pick(DemoNames.EnterpriseOwners),
            null when random.Chance(0.3) => null, // unworked inbound accounts often have no owner yet
            _ => random.Pick(DemoNames.MidMarketOwners),
        };
        var id = "acct_" + number.ToString("D5", CultureInfo.InvariantCulture);
        var segment = headcount >= 1000 ? "Enterprise" : headcount >= 200 ? "Mid-market" : "SMB";
        var record = new AccountRecord(id, name, domain, industry, headcount, (decimal)revenue, country.Name, tier, owner);
        return new DemoAccount
        {
            Record = record,
            Id = id,
            Domain = domain,
            Tier = tier,
            Segment = segment,
            UtcOffset = country.UtcOffset,
            Intent = random.LogNormal(0.8),
            IsCustomer = random.Chance(tier switch { "Tier 1" => 0.18, "Tier 2" => 0.14, "Tier 3" => 0.1, _ => 0.2 }),
        };
    }

    private static string UniqueName(DemoRandom random, string industry, HashSet<string> names)
    {
        var words = DemoNames.IndustryWords[industry];
        for (var attempt = 0; ; attempt++)
        {
            var stem = random.Chance(0.5)
                ? random.Pick(DemoNames.NamePrefixes) + random.Pick(DemoNames.NameCores)
                : random.Pick(DemoNames.NamePrefixes);
            var name = stem + " " + random.Pick(words);
            if (attempt > 20)
            {
                name += " " + random.Pick(DemoNames.NamePrefixes);
            }

            // Unique by letters, so domains (the letters plus a suffix) are unique too.
            if (names.Add(new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()))
            {
                return name;
            }
        }
    }

    private static string DomainOf(string name, string tld)
    {
        var letters = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        // A third of the companies use a .com whatever their country, as many do.
        return letters + (tld == ".com" || letters.Length % 3 == 0 ? ".com" : tld);
    }

    private static void AssignLists(DemoRandom random, List<DemoAccount> accounts)
    {
        foreach (var account in accounts)
        {
            switch (account.Tier)
            {
                case "Tier 1":
                    account.Lists.Add(EnterpriseList);
                    break;
                case "Tier 2":
                    account.Lists.Add(random.Chance(0.25) ? EnterpriseList : MidMarketList);
                    break;
                case "Tier 3":
                    account.Lists.Add(random.Chance(0.4) ? MidMarketList : VelocityList);
                    break;
            }

            if (account.IsTarget && !account.IsCustomer && random.Chance(0.08))
            {
                account.Lists.Add(DisplacementList);
            }
        }
    }

    private static double RoundTo(double value, double step) => Math.Max(step, Math.Round(value / step) * step);
}
