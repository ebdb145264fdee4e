using Analytics.Metrics.EngagedAccounts;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.EngagedAccounts;

public sealed class SurgingAccountsQueryTests
{
    private static readonly DateWindow Week = new(Date(23), Date(30));

    /// <summary>
    /// The week of Monday 23 March, against the four weeks before (23 February to 22 March). acme reads 2 pages a week,
    /// then 20 this week (surge 10); globex reads 10 a week, then 15 (surge 1.5); umbrella reads 20 a week, then 12
    /// (0.6, cooling); initech is new this week with 12 (no baseline, no surge); hooli surges from 1 to 5 but with 5
    /// points is not engaged.
    /// </summary>
    private static Story Weeks()
    {
        var story = new Story().Account("acme", name: "Acme Corp", tier: "enterprise", owner: "alice")
            .Account("globex", name: "Globex", tier: "smb", owner: "bob").Account("umbrella", tier: "smb", owner: "alice");
        foreach (var week in new[] { -4, 3, 10, 17 })
        {
            story.PageViews("acme", Day(week), 2).PageViews("globex", Day(week), 10).PageViews("umbrella", Day(week), 20).PageViews("hooli", Day(week), 1);
        }

        return story.PageViews("acme", Day(24), 20).PageViews("globex", Day(25), 15).PageViews("umbrella", Day(26), 12)
            .PageViews("initech", Day(27), 12).PageViews("hooli", Day(28), 5);
    }

    private static async Task<IReadOnlyList<(string Id, string? Name, double Score, double ThisWeek, double Mean, double? Surge)>> RunAsync(
        SurgingAccountsRequest request, Story? story = null)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SurgingAccountsQueryTests))).WithAsync(story ?? Weeks());
        var result = await new SurgingAccountsQuery(new EngagedAccountsQuery(db.Gateway, db.Models)).RunAsync(request, default);
        return result.Select(a => (a.AccountId, a.Name, a.Score, a.ThisWeek, a.PreviousWeeklyMean, a.Surge)).ToList();
    }

    [Fact]
    public async Task Engaged_accounts_at_least_half_again_their_usual_week_strongest_first()
    {
        var result = await RunAsync(new(Week));

        Assert.Equal([("acme", "Acme Corp", 20, 20, 2, 10), ("globex", "Globex", 15, 15, 10, 1.5)], result);
    }

    [Fact]
    public async Task A_lower_minimum_lists_cooling_accounts_too_and_first_cuts_the_list()
    {
        var result = await RunAsync(new(Week, First: 3, MinSurge: 0.5));

        Assert.Equal([("acme", "Acme Corp", 20, 20, 2, 10), ("globex", "Globex", 15, 15, 10, 1.5), ("umbrella", "umbrella", 12, 12, 20, 0.6)], result);
    }

    [Fact]
    public async Task Tier_owner_and_minimum_score_filter_before_the_ranking()
    {
        var lower = new SurgingAccountsRequest(Week, MinSurge: 0.5);

        Assert.Equal([("globex", "Globex", 15, 15, 10, 1.5), ("umbrella", "umbrella", 12, 12, 20, 0.6)], await RunAsync(lower with { Tier = "smb" }));
        Assert.Equal([("acme", "Acme Corp", 20, 20, 2, 10), ("umbrella", "umbrella", 12, 12, 20, 0.6)], await RunAsync(lower with { Owner = "alice" }));
        Assert.Equal([("acme", "Acme Corp", 20, 20, 2, 10), ("globex", "Globex", 15, 15, 10, 1.5)], await RunAsync(lower with { MinScore = 13 }));
    }

    /// <summary>Six hundred accounts new this week outscore acme, none with a baseline: acme still leads by surge.</summary>
    [Fact]
    public async Task Every_engaged_account_is_ranked_by_surge_not_only_the_highest_scoring()
    {
        var story = Weeks();
        for (var i = 0; i < 600; i++)
        {
            story.PageViews($"new-{i:D3}", Day(24), 30);
        }

        var result = await RunAsync(new(Week, First: 1), story);

        Assert.Equal([("acme", "Acme Corp", 20, 20, 2, 10)], result);
    }

    [Fact]
    public async Task A_week_without_engagement_has_no_surging_accounts()
    {
        Assert.Empty(await RunAsync(new(new DateWindow(Date(30), Date(31).AddDays(6)))));
    }

    [Theory]
    [InlineData(101, 1.5, "Between 0 and 100 accounts can be listed; 101 were asked.")]
    [InlineData(10, 0, "The minimum surge must be above 0; 0 was asked.")]
    public async Task Bad_requests_are_refused_with_a_reason(int first, double minSurge, string message)
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(new(Week, First: first, MinSurge: minSurge)));

        Assert.Equal(message, error.Message);
    }
}
