using Analytics.Metrics.Attribution;
using static Analytics.Metrics.Attribution.AttributionModel;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Attribution;

/// <summary>The stored touches follow what is stored after them, and only where it falls in an opportunity's lookback.</summary>
public sealed class OpportunityTouchIndexTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>acme clicked an ad on the 1st; o2 was created on the 2nd and o1 on the 5th, both open.</summary>
    private static Story Acme() => new Story()
        .Event("acme", Day(1), "ad", "click")
        .Opportunity("o2", "acme", Day(2), null, "open", 500m)
        .Opportunity("o1", "acme", Day(5), null, "open", 1000m);

    [Fact]
    public async Task An_event_stored_later_reaches_the_opportunities_whose_lookback_holds_its_day_and_no_other()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(OpportunityTouchIndexTests))).WithAsync(Acme());
        var index = db.OpportunityTouchIndex();
        await index.FillAsync(default);
        // As if the story's marks were long covered (a round reads the last 30 s of marks again).
        await db.Gateway.ExecuteAsync("TRUNCATE TABLE opportunity_touch_marks");
        var o2Before = await ComputedAtAsync(db, "o2");

        // An email on the 4th: after o2's creation, in o1's lookback.
        await db.WithAsync(new Story().Event("acme", Day(4), "email", "click"));
        var result = await new AttributionQuery(db.Gateway, index).RunAsync(new(FirstWeek, AttributionDimension.Channel), default);

        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "ad", 1500, 0, 2, 0),
            new(LastTouch, "email", 1000, 0, 1, 0),
            new(LastTouch, "ad", 500, 0, 1, 0),
            new(Linear, "ad", 1000, 0, 1.5, 0),
            new(Linear, "email", 500, 0, 0.5, 0),
        ]), result, strict: true);
        Assert.Equal(o2Before, await ComputedAtAsync(db, "o2"));
        Assert.Equal(2UL, await db.CountAsync("SELECT count() AS n FROM opportunity_touches FINAL WHERE lookback_days = 90"));
    }

    [Fact]
    public async Task An_opportunity_whose_creation_moves_counts_the_touches_of_its_new_lookback()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(OpportunityTouchIndexTests)))
            .WithAsync(Acme().Event("acme", Day(4), "email", "click"));
        var index = db.OpportunityTouchIndex();
        await index.FillAsync(default);

        // o1 was created on the 3rd after all: the email of the 4th is no longer before it.
        await db.WithAsync(new Story().Opportunity("o1", "acme", Day(3), null, "open", 1000m, updatedAt: Day(20)));
        var result = await new AttributionQuery(db.Gateway, index).RunAsync(new(FirstWeek, AttributionDimension.Channel), default);

        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "ad", 1500, 0, 2, 0),
            new(LastTouch, "ad", 1500, 0, 2, 0),
            new(Linear, "ad", 1500, 0, 2, 0),
        ]), result, strict: true);
    }

    [Fact]
    public async Task Another_lookback_fills_every_opportunity_again_and_drops_the_old_rows()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(OpportunityTouchIndexTests))).WithAsync(Acme());
        await db.OpportunityTouchIndex(lookbackDays: 90).FillAsync(default);

        // With a lookback of 3 days o1 (created on the 5th) no longer sees the ad of the 1st.
        var index = db.OpportunityTouchIndex(lookbackDays: 3);
        await index.FillAsync(default);
        var result = await new AttributionQuery(db.Gateway, index).RunAsync(new(FirstWeek, AttributionDimension.Channel), default);

        Assert.Equal(2UL, await db.CountAsync("SELECT count() AS n FROM opportunity_touches FINAL WHERE lookback_days = 3"));
        Assert.Equal(0UL, await db.CountAsync("SELECT count() AS n FROM opportunity_touches WHERE lookback_days != 3"));
        Assert.Equivalent(new AttributionResult(
        [
            new(FirstTouch, "ad", 500, 0, 1, 0),
            new(FirstTouch, null, 1000, 0, 1, 0),
            new(LastTouch, "ad", 500, 0, 1, 0),
            new(LastTouch, null, 1000, 0, 1, 0),
            new(Linear, null, 1000, 0, 1, 0),
            new(Linear, "ad", 500, 0, 1, 0),
        ]), result, strict: true);
    }

    private static async Task<DateTime> ComputedAtAsync(MetricsDatabase db, string opportunity) => (await db.Gateway.ListAsync(
        "SELECT computed_at FROM opportunity_touches FINAL WHERE opportunity_id = {id:String}", new QueryParameters().Add("id", opportunity),
        r => r.Get<DateTime>("computed_at"), default)).Single();
}
