namespace Analytics.Demo;

/// <summary>
/// Survey comments by theme and tone, assembled from a few parts so hundreds of answers do not repeat one sentence.
/// Some include commas, quotes and a line break, as real free text does (and as RFC 4180 quoting must survive).
/// </summary>
internal static class DemoComments
{
    public static readonly string[] Themes = ["onboarding", "support", "pricing", "performance", "integrations", "reporting", "ease of use"];

    private static readonly Dictionary<(string Theme, int Tone), string[]> Sentences = new()
    {
        [("onboarding", 1)] = ["Onboarding was quick, we had our first dashboard live in a week.", "The onboarding team knew our stack and it showed.", "Setup was painless, the checklist kept everyone on track."],
        [("onboarding", 0)] = ["Onboarding was fine but took longer than promised.", "Getting started needed more hand-holding than we expected."],
        [("onboarding", -1)] = ["Onboarding dragged on for two months, with three different contacts.", "Implementation was rough: nobody owned the data mapping."],
        [("support", 1)] = ["Great support team: every ticket gets solved quickly.", "Our CSM is fantastic, proactive and honest.", "Best support team we have worked with."],
        [("support", 0)] = ["Support is polite but sometimes slow on complex tickets.", "Support is OK; first answers are often canned."],
        [("support", -1)] = ["Tickets sit for days without an answer.", "We had to escalate twice to get a \"priority\" issue looked at."],
        [("pricing", 1)] = ["Good value for what we get.", "Pricing is fair and the annual plan made budgeting easy."],
        [("pricing", 0)] = ["Pricing is on the high side, but it pays for itself.", "The per-seat model is confusing at renewal time."],
        [("pricing", -1)] = ["Too expensive for a team our size.", "The renewal came in 20% higher with no new value, that hurt."],
        [("performance", 1)] = ["Dashboards load fast even on a year of data.", "Reports are quick and reliable."],
        [("performance", 0)] = ["Mostly fast, some big reports time out.", "Performance is acceptable, month-end is slow."],
        [("performance", -1)] = ["Dashboards were unusably slow for weeks.", "Timeouts during our board prep, not acceptable."],
        [("integrations", 1)] = ["The Salesforce sync just works.", "HubSpot integration saved us a lot of manual work."],
        [("integrations", 0)] = ["Integrations cover the basics; we miss a Marketo connector.", "The CRM sync works, field mapping is clunky."],
        [("integrations", -1)] = ["The CRM sync breaks every few weeks and duplicates accounts.", "No native connector for our data warehouse, a deal breaker soon."],
        [("reporting", 1)] = ["The weekly executive report is now our pipeline meeting agenda.", "Funnel and velocity views finally made marketing and sales agree."],
        [("reporting", 0)] = ["Reporting is good, custom fields are limited.", "We export to spreadsheets more than we'd like."],
        [("reporting", -1)] = ["The numbers don't match our CRM and nobody can explain why.", "Attribution reports raise more questions than they answer."],
        [("ease of use", 1)] = ["Easy to use, our reps actually open it.", "Clean, intuitive, no training needed."],
        [("ease of use", 0)] = ["Easy once you know where things are.", "Powerful, but the navigation takes getting used to."],
        [("ease of use", -1)] = ["Too many clicks to get a simple answer.", "Our team finds it confusing and went back to spreadsheets."],
    };

    /// <summary>A comment for a score's tone (1 positive, 0 neutral, -1 negative) on a theme.</summary>
    public static string Write(DemoRandom random, string theme, int tone)
    {
        var sentence = random.Pick(Sentences[(theme, tone)]);
        var closer = tone switch
        {
            1 => random.Pick<string>(["", "", " Keep it up!", " Would recommend.", " Thanks."]),
            -1 => random.Pick<string>(["", "", " Please fix this.", "\nWe raised it with our account manager."]),
            _ => "",
        };
        return sentence + closer;
    }

    // The same themes as Chinese-speaking customers put them (simplified Chinese).
    private static readonly Dictionary<(string Theme, int Tone), string[]> ChineseSentences = new()
    {
        [("onboarding", 1)] = ["上线很快，一周内就看到了第一个仪表盘。", "实施团队很了解我们的系统。"],
        [("onboarding", 0)] = ["上线还算顺利，但比承诺的时间长。"],
        [("onboarding", -1)] = ["实施拖了两个月，换了三个对接人。"],
        [("support", 1)] = ["客服响应很快，问题当天就解决了。", "客户成功经理非常专业，主动又坦诚。"],
        [("support", 0)] = ["客服态度很好，但复杂问题处理得慢。"],
        [("support", -1)] = ["工单好几天都没人回复。", "紧急问题要升级两次才有人处理。"],
        [("pricing", 1)] = ["性价比很高，年度方案便于做预算。"],
        [("pricing", 0)] = ["价格偏高，但物有所值。"],
        [("pricing", -1)] = ["续约价格涨了百分之二十，却没有新功能。", "对我们这样规模的团队来说太贵了。"],
        [("performance", 1)] = ["即使有一年的数据，仪表盘也加载很快。"],
        [("performance", 0)] = ["大部分时候很快，月底的大报表会超时。"],
        [("performance", -1)] = ["仪表盘连续几周慢得无法使用。", "董事会准备期间报表一直超时，无法接受。"],
        [("integrations", 1)] = ["Salesforce 同步非常稳定。"],
        [("integrations", 0)] = ["集成覆盖了基本需求，字段映射不太方便。"],
        [("integrations", -1)] = ["CRM 同步每隔几周就出错，还会重复创建客户。"],
        [("reporting", 1)] = ["每周的高管报告已经成为我们销售例会的议程。"],
        [("reporting", 0)] = ["报表不错，但自定义字段有限。"],
        [("reporting", -1)] = ["数据和我们的 CRM 对不上，没人能解释原因。"],
        [("ease of use", 1)] = ["界面简洁易用，销售团队真的在用。"],
        [("ease of use", 0)] = ["熟悉之后就好用了，导航需要适应。"],
        [("ease of use", -1)] = ["得点很多次才能得到一个简单的答案。"],
    };

    /// <summary>A comment in Chinese for a score's tone on a theme.</summary>
    public static string WriteChinese(DemoRandom random, string theme, int tone) => random.Pick(ChineseSentences[(theme, tone)]);

    /// <summary>Themes weighted by tone: happy customers praise support and reporting, unhappy ones cite price and speed.</summary>
    public static string ThemeFor(DemoRandom random, int tone, bool incident) => tone switch
    {
        -1 when incident => random.PickWeighted<string>([("performance", 6), ("support", 2), ("pricing", 1)]),
        -1 => random.PickWeighted<string>([("pricing", 4), ("performance", 2), ("support", 3), ("integrations", 3), ("onboarding", 2), ("reporting", 2), ("ease of use", 1)]),
        0 => random.PickWeighted<string>([("pricing", 3), ("integrations", 3), ("reporting", 2), ("ease of use", 2), ("support", 2), ("performance", 2), ("onboarding", 1)]),
        _ => random.PickWeighted<string>([("support", 4), ("reporting", 3), ("ease of use", 3), ("onboarding", 2), ("integrations", 2), ("pricing", 1), ("performance", 1)]),
    };
}
