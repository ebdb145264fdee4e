using Analytics.Metrics.Campaigns;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Campaigns;

public sealed class CampaignPerformanceQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// spring reaches acme (engaged by its form, 11 points) before acme's o1, and globex (one click, not engaged) only
    /// after globex's o2. nurture reaches initech (engaged by a form outside any campaign) the day of its o3, which has
    /// no amount. webinar only spent. old touched acme before the week; spring's spend on the 9th is after it.
    /// </summary>
    private static Story Campaigns() => new Story()
        .Event("acme", Day(1), "ad", "click", campaign: "old")
        .Event("acme", Day(2), "ad", "click", campaign: "spring")
        .Event("acme", Day(3), "web", "form_submit", campaign: "spring")
        .Event("globex", Day(5), "ad", "click", campaign: "spring")
        .Event("initech", Day(3), "web", "form_submit")
        .Event("initech", Day(8), "email", "click", campaign: "nurture")
        .Opportunity("o1", "acme", Day(4), null, "open", 1000m)
        .Opportunity("o2", "globex", Day(3), null, "open", 500m)
        .Opportunity("o3", "initech", Day(8, 12), null, "open", null)
        .Opportunity("o4", "acme", Day(9), null, "open", 700m)
        .Spend(Date(2), "spring", 300m).Spend(Date(3), "spring", 200m).Spend(Date(9), "spring", 999m)
        .Spend(Date(4), "webinar", 100m);

    [Fact]
    public async Task Campaign_performance_of_a_week()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CampaignPerformanceQueryTests))).WithAsync(Campaigns());

        var result = await new CampaignPerformanceQuery(db.Gateway, db.Models).RunAsync(FirstWeek, default);

        // Cost per engaged account is null without spend (nurture) and without an engaged account (webinar), never 0.
        Assert.Equivalent(new CampaignPerformance[]
        {
            new("nurture", 1, 1, 0, 1, null, null),
            new("spring", 2, 1, 1000, 1, 500, 500),
            new("webinar", 0, 0, 0, 0, 100, null),
        }, result, strict: true);
    }

    [Fact]
    public async Task An_empty_window_lists_no_campaign()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CampaignPerformanceQueryTests))).WithAsync(new Story());

        var result = await new CampaignPerformanceQuery(db.Gateway, db.Models).RunAsync(FirstWeek, default);

        Assert.Empty(result);
    }
}
