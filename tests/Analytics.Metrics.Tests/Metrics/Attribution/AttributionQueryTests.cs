using Analytics.Metrics.Attribution;
using static Analytics.Metrics.Attribution.AttributionModel;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Attribution;

public sealed class AttributionQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// acme met the summit (event) three weeks before March, then an ad (spring), a nurture email and an untagged web
    /// visit; o4 was created after the summit only and won in the week, o1 created in the week after all four touches
    /// and won. globex read three web pages before its open o2. initech's lost o3 has no touch at all. o5 has no
    /// amount and o6 was created and won long before the week: neither counts.
    /// </summary>
    private static Story Journeys() => new Story()
        .Event("acme", Day(1).AddDays(-20), "event", "attended", campaign: "summit", source: "expo")
        .Event("acme", Day(1), "ad", "click", campaign: "spring", source: "linkedin")
        .Event("acme", Day(3), "email", "click", campaign: "nurture", source: "newsletter")
        .Event("acme", Day(3, 5), "web", "page_view", url: "https://acme.example/pricing", source: "google")
        .PageViews("globex", Day(4), 3)
        .Opportunity("o4", "acme", Day(1).AddDays(-9), Day(7), "won", 2000m)
        .Opportunity("o1", "acme", Day(3, 12), Day(6), "won", 1000m)
        .Opportunity("o2", "globex", Day(5), null, "open", 600m)
        .Opportunity("o3", "initech", Day(2), Day(4), "lost", 300m)
        .Opportunity("o5", "globex", Day(5), null, "open", null)
        .Opportunity("o6", "acme", Day(1).AddDays(-60), Day(1).AddDays(-30), "won", 5000m);

    /// <summary>
    /// The answer twice: computed by the query itself (the index has not reached the opportunities: its marks are
    /// gone), then read from the rows the index stored; both must be the same.
    /// </summary>
    private static async Task<AttributionResult> RunAsync(Story story, AttributionDimension dimension, int lookbackDays = 90, string? targetList = null)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AttributionQueryTests))).WithAsync(story);
        await db.Gateway.ExecuteAsync("TRUNCATE TABLE opportunity_touch_marks");
        var index = db.OpportunityTouchIndex(lookbackDays);
        var query = new AttributionQuery(db.Gateway, index);

        var computed = await query.RunAsync(new(FirstWeek, dimension, targetList), default);
        Assert.Equal(0UL, await db.CountAsync("SELECT count() AS n FROM opportunity_touches"));
        await index.FillAsync(default);
        Assert.Equal(await db.CountAsync("SELECT count() AS n FROM opportunities FINAL WHERE account_id != ''"), await db.CountAsync("SELECT count() AS n FROM opportunity_touches"));
        var stored = await query.RunAsync(new(FirstWeek, dimension, targetList), default);

        Assert.Equivalent(computed, stored, strict: true);
        return stored;
    }

    /// <summary>With globex and initech on the list (acme was, and was removed), only o2 and o3 count.</summary>
    [Fact]
    public async Task A_target_list_keeps_the_opportunities_of_its_accounts_now()
    {
        var story = Journeys().OnList("q1", "globex").OnList("q1", "initech").OnList("q1", "acme", removedAt: Day(1));

        var result = await RunAsync(story, AttributionDimension.Channel, targetList: "q1");

        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "web", 600, 0, 1, 0),
            new(FirstTouch, null, 300, 0, 1, 0),
            new(LastTouch, "web", 600, 0, 1, 0),
            new(LastTouch, null, 300, 0, 1, 0),
            new(Linear, "web", 600, 0, 1, 0),
            new(Linear, null, 300, 0, 1, 0),
        ]), result, strict: true);
    }

    [Fact]
    public async Task An_unknown_target_list_is_refused()
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(Journeys(), AttributionDimension.Channel, targetList: "nope"));

        Assert.Equal("There is no target list named 'nope'.", error.Message);
    }

    [Fact]
    public async Task Attribution_to_channels_under_each_model()
    {
        var result = await RunAsync(Journeys(), AttributionDimension.Channel);

        // Linear: o1's 1000 is shared by its four touches, 250 each; every model attributes 1900 pipeline and 3000 won.
        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "event", 1000, 3000, 1, 2),
            new(FirstTouch, "web", 600, 0, 1, 0),
            new(FirstTouch, null, 300, 0, 1, 0),
            new(LastTouch, "web", 1600, 1000, 2, 1),
            new(LastTouch, null, 300, 0, 1, 0),
            new(LastTouch, "event", 0, 2000, 0, 1),
            new(Linear, "web", 850, 250, 1.25, 0.25),
            new(Linear, null, 300, 0, 1, 0),
            new(Linear, "event", 250, 2250, 0.25, 1.25),
            new(Linear, "ad", 250, 250, 0.25, 0.25),
            new(Linear, "email", 250, 250, 0.25, 0.25),
        ]), result, strict: true);
    }

    [Fact]
    public async Task Attribution_to_campaigns_puts_untagged_touches_under_null()
    {
        var result = await RunAsync(Journeys(), AttributionDimension.Campaign);

        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "summit", 1000, 3000, 1, 2),
            new(FirstTouch, null, 900, 0, 2, 0),
            new(LastTouch, null, 1900, 1000, 3, 1),
            new(LastTouch, "summit", 0, 2000, 0, 1),
            new(Linear, null, 1150, 250, 2.25, 0.25),
            new(Linear, "summit", 250, 2250, 0.25, 1.25),
            new(Linear, "nurture", 250, 250, 0.25, 0.25),
            new(Linear, "spring", 250, 250, 0.25, 0.25),
        ]), result, strict: true);
    }

    [Fact]
    public async Task Touches_older_than_the_lookback_do_not_count()
    {
        // With a 10-day lookback o4 (created 9 days before March) no longer sees the summit 20 days before March.
        var story = new Story()
            .Event("acme", Day(1).AddDays(-20), "event", "attended", source: "expo")
            .Event("acme", Day(2), "ad", "click", source: "linkedin")
            .Opportunity("o4", "acme", Day(1).AddDays(-9), Day(7), "won", 2000m)
            .Opportunity("o1", "acme", Day(3), null, "open", 1000m);

        var result = await RunAsync(story, AttributionDimension.Source, lookbackDays: 10);

        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "linkedin", 1000, 0, 1, 0),
            new(FirstTouch, null, 0, 2000, 0, 1),
            new(LastTouch, "linkedin", 1000, 0, 1, 0),
            new(LastTouch, null, 0, 2000, 0, 1),
            new(Linear, "linkedin", 1000, 0, 1, 0),
            new(Linear, null, 0, 2000, 0, 1),
        ]), result, strict: true);
    }

    [Fact]
    public async Task An_empty_window_attributes_nothing()
    {
        var result = await RunAsync(new Story().Event("acme", Day(3), "ad", "click"), AttributionDimension.Channel);

        Assert.Empty(result.Rows);
    }
}
