using Analytics.Metrics.Engagement;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Engagement;

public sealed class EngagementQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));
    private static readonly DateWindow TwoWeeks = new(Date(2), Date(16));

    /// <summary>
    /// In the week of March 2: acme clicks a spring ad and fills a form of spring (11 points, engaged); globex clicks a
    /// spring ad and opens a nurture email (2 points); initech reads twelve blog pages outside any campaign (12 points,
    /// engaged). hooli fills forms on March 1 (before the window) and March 9 (the next week). acme and globex are on
    /// the list abm.
    /// </summary>
    private static Story Week() => new Story()
        .Event("acme", Day(2), "ad", "click", campaign: "spring")
        .Event("acme", Day(3), "web", "form_submit", campaign: "spring")
        .Event("globex", Day(4), "ad", "click", campaign: "spring")
        .Event("globex", Day(5), "email", "open", campaign: "nurture")
        .PageViews("initech", Day(6), 12)
        .Event("hooli", Day(1, 23.99), "web", "form_submit")
        .Event("hooli", Day(9), "web", "form_submit")
        .OnList("abm", "acme").OnList("abm", "globex");

    [Fact]
    public async Task Engagement_of_a_week_by_channel_and_campaign()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(Week());

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(FirstWeek), default);

        // hooli's forms fall outside [from, to); channels and campaigns by engaged accounts reached, then events.
        Assert.Equivalent(new EngagementResult(
            new EngagementFigures(16, 3, 2),
            [new("web", new(13, 2, 2)), new("ad", new(2, 2, 1)), new("email", new(1, 1, 0))],
            [new("spring", new(3, 2, 1)), new("nurture", new(1, 1, 0))],
            []), result, strict: true);
    }

    [Fact]
    public async Task Only_the_parts_asked_for_are_computed()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(Week());

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(
            new EngagementRequest(FirstWeek, Interval.Week, Parts: EngagementParts.Channels | EngagementParts.Trend), default);

        Assert.Equivalent(new EngagementResult(
            new EngagementFigures(0, 0, 0),
            [new("web", new(13, 2, 2)), new("ad", new(2, 2, 1)), new("email", new(1, 1, 0))],
            [],
            [new(Date(2), new EngagementFigures(16, 3, 2))]), result, strict: true);
    }

    [Fact]
    public async Task A_weekly_trend_counts_accounts_engaged_within_each_week()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(Week());

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(TwoWeeks, Interval.Week), default);

        Assert.Equivalent(new EngagementPoint[]
        {
            new(Date(2), new(16, 3, 2)),
            new(Date(9), new(1, 1, 1)),
        }, result.Trend, strict: true);
        Assert.Equivalent(new EngagementFigures(17, 4, 3), result.Total, strict: true);
    }

    [Fact]
    public async Task A_target_list_keeps_its_accounts_only()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(Week());

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(FirstWeek, TargetList: "abm"), default);

        Assert.Equivalent(new EngagementResult(
            new EngagementFigures(4, 2, 1),
            [new("ad", new(2, 2, 1)), new("web", new(1, 1, 1)), new("email", new(1, 1, 0))],
            [new("spring", new(3, 2, 1)), new("nurture", new(1, 1, 0))],
            []), result, strict: true);
        await Assert.ThrowsAsync<MetricArgumentException>(() =>
            new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(FirstWeek, TargetList: "nobody"), default));
    }

    [Fact]
    public async Task An_empty_window_has_no_groups_and_no_engaged_share()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(Week());

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(new(Date(20), Date(27)), Interval.Week), default);

        var nothing = new EngagementFigures(0, 0, 0);
        Assert.Equivalent(new EngagementResult(nothing, [], [], [new(Date(16), nothing), new(Date(23), nothing)]), result, strict: true);
        Assert.All(result.Trend.Select(p => p.Figures).Append(result.Total), f => Assert.Null(f.EngagedShare));
    }

    [Theory]
    [InlineData(1, 2, 1)] // hooli's form of March 1 is in [1, 2)
    [InlineData(2, 9, 0)] // ... and in neither end of [2, 9): from inclusive, to exclusive
    [InlineData(9, 10, 1)]
    public async Task Window_boundaries(int from, int to, long hooliEvents)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementQueryTests))).WithAsync(
            new Story().Event("hooli", Day(1, 23.99), "web", "form_submit").Event("hooli", Day(9), "web", "form_submit"));

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(new(Date(from), Date(to))), default);

        Assert.Equal(new EngagementFigures(hooliEvents, hooliEvents, hooliEvents), result.Total);
    }
}
