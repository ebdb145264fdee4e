using Analytics.Metrics.EngagedAccounts;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.EngagedAccounts;

public sealed class EngagedAccountsQueryTests
{
    /// <summary>
    /// Window: the week of Monday the 9th (7 days, so "this week" is the window). acme steadily reads 2 pages a day
    /// the four weeks before and fills a form this week (surge 11 ÷ 7; the 5 views of the day before those four weeks
    /// count in neither); globex is new this week (no baseline: surge null);
    /// initech is a tie with globex on score and sorts by id; umbrella is not engaged.
    /// </summary>
    private static Story Accounts()
    {
        var story = new Story().Account("acme", "Software", "1", owner: "alice", name: "Acme Corp").Account("globex", tier: "2", owner: "bob")
            .OnList("q1", "acme").OnList("q1", "globex");
        for (var day = -20; day < 8; day++)
        {
            story.PageViews("acme", Day(1).AddDays(day), 1);
        }

        return story
            .PageViews("acme", Day(1).AddDays(-21), 5)
            .Event("acme", Day(10, 15), "web", "form_submit").PageViews("acme", Day(9), 1)
            .Event("globex", Day(11), "event", "attended").Event("initech", Day(12, 8.5), "web", "form_submit")
            .PageViews("umbrella", Day(12), 9)
            .Opportunity("o1", "acme", Day(3), null, "open", 10m).Opportunity("o2", "acme", Day(3), Day(12), "won", 10m);
    }

    [Fact]
    public async Task Engaged_accounts_ranked_by_score_with_surge_last_activity_and_open_deals_page_by_page()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagedAccountsQueryTests))).WithAsync(Accounts());
        var query = new EngagedAccountsQuery(db.Gateway, db.Models);
        var window = new Analytics.Metrics.Common.DateWindow(Date(9), Date(16));

        var first = await query.RunAsync(new EngagedAccountsRequest(window, First: 2), default);
        var second = await query.RunAsync(new EngagedAccountsRequest(window, First: 2, After: first.Accounts[^1].Cursor), default);

        // acme: 10 (form) + 1 (Monday's view) = 11 this week; the 28 days before held 28 views, 7 a week.
        Assert.Equivalent(new EngagedAccountsPage(3,
            [
                new EngagedAccount("acme", "Acme Corp", "1", "alice", 11, 11, 7, 11.0 / 7, Day(10, 15), 1, new(11, "acme")),
                new EngagedAccount("globex", "globex", "2", "bob", 10, 10, 0, null, Day(11), 0, new(10, "globex")),
            ], HasNextPage: true), first, strict: true);
        Assert.Equivalent(new EngagedAccountsPage(3,
            [new EngagedAccount("initech", null, null, null, 10, 10, 0, null, Day(12, 8.5), 0, new(10, "initech"))], HasNextPage: false),
            second, strict: true);
    }

    [Theory]
    [InlineData("q1", null, null, null, new[] { "acme", "globex" })]
    [InlineData(null, "2", null, null, new[] { "globex" })]
    [InlineData(null, null, "alice", null, new[] { "acme" })]
    [InlineData(null, null, null, 9.0, new[] { "acme", "globex", "initech", "umbrella" })]
    [InlineData(null, null, null, 10.5, new[] { "acme" })]
    public async Task Filters_by_list_tier_owner_and_minimum_score(string? list, string? tier, string? owner, double? minScore, string[] expected)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagedAccountsQueryTests))).WithAsync(Accounts());

        var page = await new EngagedAccountsQuery(db.Gateway, db.Models).RunAsync(
            new EngagedAccountsRequest(new(Date(9), Date(16)), list, tier, owner, minScore), default);

        Assert.Equal(expected, page.Accounts.Select(a => a.AccountId));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task A_cursor_that_was_not_made_here_is_refused()
    {
        var error = Assert.Throws<Analytics.Metrics.Common.MetricArgumentException>(() => EngagedAccountCursor.Decode("not a cursor"));

        Assert.Equal("'not a cursor' is not a cursor returned by this API.", error.Message);
        Assert.Equal(new EngagedAccountCursor(2.5, "a|b"), EngagedAccountCursor.Decode(new EngagedAccountCursor(2.5, "a|b").Encode()));
    }
}
