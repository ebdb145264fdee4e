using Analytics.Metrics.Accounts;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Accounts;

public sealed class AccountTimelineQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// acme's week: three events inside it (one exactly at its start) and one each side; an opportunity open across
    /// the week, one won in it, one lost before it and one created after it; an answer in the week and one after.
    /// globex's events must not leak in.
    /// </summary>
    private static Story Acme() => new Story()
        .Account("acme", "Software", "1", "DE", "ana", name: "Acme GmbH")
        .Event("acme", Day(1, 23), "ad", "impression", campaign: "spring")
        .Event("acme", Day(2), "ad", "click", campaign: "spring", source: "linkedin")
        .Event("acme", Day(4, 9), "web", "page_view", url: "https://acme.example/pricing", contact: "c1")
        .Event("acme", Day(8, 23.5), "email", "open", campaign: "nurture", contact: "c1")
        .Event("acme", Day(9), "web", "page_view", url: "https://acme.example/late")
        .Event("globex", Day(4), "web", "page_view", url: "https://globex.example/")
        .Opportunity("o1", "acme", Day(1).AddDays(-10), null, "open", 1000m, "new")
        .Opportunity("o2", "acme", Day(1).AddDays(-5), Day(5), "won", 2500.5m, "renewal")
        .Opportunity("o3", "acme", Day(1).AddDays(-9), Day(1), "lost", 300m)
        .Opportunity("o4", "acme", Day(9), null, "open", 400m)
        .Answer("r1", "nps", Day(6, 10), 9, "acme", "enterprise", "Great support")
        .Answer("r2", "csat", Day(10), 2, "acme");

    [Fact]
    public async Task The_timeline_of_an_account_over_a_week()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountTimelineQueryTests))).WithAsync(Acme());

        var result = await new AccountTimelineQuery(db.Gateway).RunAsync(new("acme", FirstWeek), default);

        Assert.Equivalent(new AccountTimeline(
            new AccountProfile("acme", "Acme GmbH", null, "Software", "DE", "1", "ana"),
            [
                new TimelineEvent(Day(8, 23.5), "email", "open", "nurture", "", "", "c1"),
                new TimelineEvent(Day(4, 9), "web", "page_view", "", "", "https://acme.example/pricing", "c1"),
                new TimelineEvent(Day(2), "ad", "click", "spring", "linkedin", "", ""),
            ],
            false,
            [
                new TimelineOpportunity("o1", Day(1).AddDays(-10), null, "open", null, 1000m, "new"),
                new TimelineOpportunity("o2", Day(1).AddDays(-5), Day(5), "won", null, 2500.5m, "renewal"),
            ],
            [new TimelineAnswer("r1", "nps", Day(6, 10), 9, "Great support", "enterprise")]), result, strict: true);
    }

    [Fact]
    public async Task The_newest_events_are_kept_when_there_are_more_than_asked()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountTimelineQueryTests))).WithAsync(Acme());

        var result = await new AccountTimelineQuery(db.Gateway).RunAsync(new("acme", FirstWeek, MaxEvents: 2), default);

        Assert.Equal([Day(8, 23.5), Day(4, 9)], result!.Events.Select(e => e.Timestamp));
        Assert.True(result.MoreEvents);
    }

    [Fact]
    public async Task An_account_known_only_from_its_events_has_an_empty_profile()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountTimelineQueryTests))).WithAsync(Acme());

        var result = await new AccountTimelineQuery(db.Gateway).RunAsync(new("globex", FirstWeek), default);

        Assert.Equivalent(new AccountTimeline(
            new AccountProfile("globex", null, null, null, null, null, null),
            [new TimelineEvent(Day(4), "web", "page_view", "", "", "https://globex.example/", "")],
            false, [], []), result, strict: true);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("")]
    public async Task An_unknown_account_has_no_timeline(string id)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountTimelineQueryTests))).WithAsync(Acme());

        Assert.Null(await new AccountTimelineQuery(db.Gateway).RunAsync(new(id, FirstWeek), default));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(AccountTimelineQuery.MaxEvents + 1)]
    public async Task Asking_for_too_many_events_is_a_clear_error(int maxEvents)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountTimelineQueryTests))).WithAsync(new Story());

        var error = await Assert.ThrowsAsync<MetricArgumentException>(
            () => new AccountTimelineQuery(db.Gateway).RunAsync(new("acme", FirstWeek, maxEvents), default));
        Assert.Contains("At most 1000 events", error.Message);
    }
}
