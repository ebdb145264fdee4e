using Analytics.Metrics.Accounts;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.EngagedAccounts;

/// <summary>
/// Intent as a filter of the engaged and surging accounts (a score of at least the minimum for the topic, in any case, in
/// one of the 4 weeks whose Monday lies in the 28 days before the window's end), and an account's intent topics.
/// </summary>
public sealed class IntentFilterTests
{
    /// <summary>
    /// All four are engaged in the week of Monday the 9th. acme shows strong intent for data warehousing that week;
    /// globex showed it four weeks before the 16th (its Monday the 16th − 28 days = Feb 16: in); initech five weeks
    /// before (out); umbrella only for another topic, and for data warehousing only the week the window ends (out).
    /// </summary>
    private static Story Accounts() => new Story()
        .Event("acme", Day(10), "web", "form_submit").Event("globex", Day(10), "web", "form_submit")
        .Event("initech", Day(10), "web", "form_submit").Event("umbrella", Day(10), "web", "form_submit")
        .Intends("acme", "Data Warehouse", 80, Date(9)).Intends("acme", "ETL", 30, Date(2))
        .Intends("globex", "data warehouse", 55, new DateOnly(2026, 2, 16))
        .Intends("initech", "Data Warehouse", 90, new DateOnly(2026, 2, 9))
        .Intends("umbrella", "CRM", 90, Date(9)).Intends("umbrella", "Data Warehouse", 90, Date(16));

    [Theory]
    [InlineData("data warehouse", null, new[] { "acme", "globex" })]
    [InlineData(" DATA WAREHOUSE ", 60, new[] { "acme" })]
    [InlineData("crm", 90, new[] { "umbrella" })]
    [InlineData("crm", 91, new string[0])]
    public async Task Engaged_accounts_filtered_by_intent_for_a_topic_as_of_the_windows_end(string topic, int? minScore, string[] expected)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(IntentFilterTests))).WithAsync(Accounts());
        var intent = IntentFilter.Of(topic, minScore);

        var page = await new EngagedAccountsQuery(db.Gateway, db.Models).RunAsync(new EngagedAccountsRequest(new(Date(9), Date(16)), Intent: intent), default);
        var surging = await new SurgingAccountsQuery(new EngagedAccountsQuery(db.Gateway, db.Models)).RunAsync(
            new SurgingAccountsRequest(new(Date(9), Date(16)), MinSurge: 0.001, Intent: intent), default);

        Assert.Equal(expected, page.Accounts.Select(a => a.AccountId).Order());
        Assert.Equal(expected.Length, page.TotalCount);
        // None of them has a baseline, so none surges: the filter is accepted there and leaves nothing to list.
        Assert.Empty(surging);
    }

    [Theory]
    [InlineData(null, 10, "'minIntentScore' needs 'intentTopic': the score of which topic?")]
    [InlineData("crm", 101, "'minIntentScore' must be between 0 and 100; it is 101.")]
    [InlineData("crm", -1, "'minIntentScore' must be between 0 and 100; it is -1.")]
    public void An_intent_filter_that_does_not_fit_is_refused(string? topic, int? minScore, string message) =>
        Assert.Equal(message, Assert.Throws<MetricArgumentException>(() => IntentFilter.Of(topic, minScore)).Message);

    [Fact]
    public async Task An_accounts_intent_is_each_topic_with_its_latest_weeks_score_before_the_day()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(IntentFilterTests))).WithAsync(Accounts()
            .Intends("acme", "data warehouse", 40, Date(2)).Intends("acme", "ETL", 70, Date(16)));
        var query = new AccountIntentQuery(db.Gateway);

        Assert.Equal(
            [new AccountIntentTopic("Data Warehouse", 80, Date(9)), new AccountIntentTopic("ETL", 30, Date(2))],
            await query.RunAsync("acme", Date(16), default));
        Assert.Equal(
            [new AccountIntentTopic("Data Warehouse", 80, Date(9)), new AccountIntentTopic("ETL", 70, Date(16))],
            await query.RunAsync("acme", Date(17), default));
        Assert.Empty(await query.RunAsync("nobody", Date(17), default));
    }
}
