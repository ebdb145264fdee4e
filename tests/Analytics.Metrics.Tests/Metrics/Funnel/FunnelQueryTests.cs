using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Funnel;

public sealed class FunnelQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// acme fills a form and wins a deal; globex reads a dozen blog pages and opens a deal; initech clicks an ad and
    /// reads pricing twice; umbrella (no attributes) reads nine pages and opens a deal without being engaged; hooli is
    /// engaged but was removed from the list. Events just outside the window do not count.
    /// </summary>
    private static Story Quarter() => new Story()
        .Account("acme", "Software", "1", "US", "alice").Account("globex", "Manufacturing", "2", "DE", "bob")
        .Account("initech", "Software", "1", "US", "alice").Account("umbrella").Account("hooli", "Media", "3", "US", "carol")
        .OnList("q1", "acme").OnList("q1", "globex").OnList("q1", "initech").OnList("q1", "umbrella").OnList("q1", "hooli", removedAt: Day(1))
        .Event("acme", Day(3, 10), "web", "form_submit", source: "google").Event("acme", Day(1, 23.99), "web", "form_submit").Event("acme", Day(9), "web", "form_submit")
        .PageViews("globex", Day(2, 1), 12).Event("globex", Day(2), "ad", "click", source: "linkedin")
        .Event("initech", Day(4), "ad", "click", source: "linkedin").PageViews("initech", Day(5), 2, "https://initech.example/Pricing?plan=pro")
        .PageViews("umbrella", Day(6), 9)
        .Event("hooli", Day(4), "event", "attended")
        .Opportunity("o1", "acme", Day(4), Day(6), "won", 1000m).Opportunity("o2", "globex", Day(5), null, "open", 500m)
        .Opportunity("o3", "umbrella", Day(6), null, "open", 700m).Opportunity("o4", "initech", Day(1), Day(3), "lost", 100m);

    private static IReadOnlyList<FunnelStage> Stages(long target, long engaged, long opportunity, long won) =>
        new FunnelCounts(target, engaged, opportunity, won).ToStages();

    [Fact]
    public async Task Funnel_of_a_target_list_counts_each_account_once_per_stage()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(Quarter());

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, "q1"), default);

        Assert.Equivalent(new FunnelResult(
            [
                new("TARGET", 4, null), new("ENGAGED", 3, 0.75), new("OPPORTUNITY", 2, 2.0 / 3), new("WON", 1, 0.5),
            ], [], []), result, strict: true);
    }

    [Fact]
    public async Task Funnel_without_a_list_starts_from_every_known_account_and_groups_by_tier_with_missing_tiers_as_null()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(Quarter());

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, GroupBy: FunnelGroupBy.Tier), default);

        Assert.Equivalent(new FunnelResult(
            Stages(5, 4, 2, 1),
            [
                new("1", Stages(2, 2, 1, 1)), new("2", Stages(1, 1, 1, 0)), new("3", Stages(1, 1, 0, 0)), new(null, Stages(1, 0, 0, 0)),
            ], []), result, strict: true);
    }

    [Fact]
    public async Task Funnel_groups_by_the_source_of_the_first_event_in_the_window()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(Quarter());

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, "q1", FunnelGroupBy.FirstTouchSource), default);

        // acme's first event in the window is from google (its earlier one is outside); globex's and initech's ad clicks
        // come before their page views; umbrella's page views have no source, so its key is null.
        Assert.Equivalent(
            new[] { new FunnelGroup("google", Stages(1, 1, 1, 1)), new FunnelGroup("linkedin", Stages(2, 2, 1, 0)), new FunnelGroup(null, Stages(1, 0, 0, 0)) },
            result.Groups, strict: true);
    }

    [Fact]
    public async Task Funnel_trend_gives_every_monday_week_with_its_own_engagement_and_deals()
    {
        var story = Quarter().PageViews("globex", Day(10), 3).Event("initech", Day(12), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(story);

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(new(Date(4), Date(17)), "q1", Interval: Interval.Week), default);

        // From Wednesday the 4th: acme's form on the 3rd is outside and globex's 12 views on the 2nd too, but initech's
        // click and pricing views (11 points) are in week one. Week two: acme's form fill on Monday the 9th and initech's
        // (globex's 3 views are not enough); acme's deal was opened and won in week one, when it was not engaged.
        // Over the whole window acme is engaged, and its deal counts.
        Assert.Equivalent(
            new[] { new FunnelPoint(Date(2), Stages(4, 1, 0, 0)), new FunnelPoint(Date(9), Stages(4, 2, 0, 0)), new FunnelPoint(Date(16), Stages(4, 0, 0, 0)) },
            result.Trend, strict: true);
        Assert.Equal(Stages(4, 2, 1, 1), result.Stages);
    }

    [Fact]
    public async Task A_changed_scoring_model_applies_to_past_events()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(Quarter());
        var model = Analytics.Metrics.Scoring.ScoringModel.Default with { Threshold = 9 };
        await db.Models.SaveAsync(model, "tests", default);

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, "q1"), default);

        Assert.Equal(Stages(4, 4, 3, 1), result.Stages);
    }

    [Fact]
    public async Task An_unknown_target_list_is_an_error()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests));

        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, "nope"), default));

        Assert.Equal("There is no target list named 'nope'.", error.Message);
    }

    [Theory]
    [InlineData(2, 9, 1)]   // the form fill on the 3rd is in [2, 9)
    [InlineData(3, 4, 1)]   // a one-day window holding it
    [InlineData(4, 9, 0)]   // from is inclusive: starting after it loses it
    [InlineData(2, 3, 0)]   // to is exclusive: ending on its day loses it
    public async Task Window_boundaries_are_from_inclusive_to_exclusive(int from, int to, long engaged)
    {
        var story = new Story().Account("acme").Event("acme", Day(3), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests))).WithAsync(story);

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(new(Date(from), Date(to))), default);

        Assert.Equal(Stages(1, engaged, 0, 0), result.Stages);
    }

    [Fact]
    public async Task An_empty_world_gives_zero_accounts_and_null_conversions()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(FunnelQueryTests));

        var result = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(FirstWeek, GroupBy: FunnelGroupBy.Industry), default);

        Assert.Equivalent(new FunnelResult([new("TARGET", 0, null), new("ENGAGED", 0, null), new("OPPORTUNITY", 0, null), new("WON", 0, null)], [], []), result, strict: true);
    }
}
