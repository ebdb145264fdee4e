using Analytics.Metrics.Journey;
using Microsoft.Extensions.Options;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Journey;

public sealed class JourneyQueryTests
{
    // A lookback of 10 days keeps the stories inside March.
    private static readonly IOptions<JourneyOptions> TenDays = Options.Create(new JourneyOptions { LookbackDays = 10 });

    private static readonly DateWindow Window = new(Date(5), Date(25));

    /// <summary>
    /// Seven accounts over [5th, 25th) with a 10-day lookback (threshold 10: a form fill engages, an ad click or a page
    /// view only makes aware):
    /// "quiet" does nothing. "fading" clicked an ad on the 1st: aware at the start, back to target on the 12th when the
    /// click leaves the lookback. "wave" fills a form on the 7th (engaged on the 8th), falls back to target on the 18th
    /// and reads a page on the 20th (aware on the 21st). "returner" fills a form on the 6th and on the 17th: engaged on
    /// the 7th, target on the 17th, engaged again on the 18th (entered once). "skipper" never engages but gets an
    /// opportunity on the 10th (Opportunity on the 11th). "loyal" won a deal on the 2nd and opened a new one on the 10th:
    /// a customer throughout. "closer" has had an open deal since the 3rd and wins it on the 15th (customer on the 16th).
    /// </summary>
    private static Story Month() => new Story()
        .Account("quiet", tier: "1").Account("fading", tier: "1").Account("wave", tier: "2").Account("returner", tier: "2")
        .Account("skipper", tier: "1").Account("loyal", tier: "3").Account("closer")
        .Event("fading", Day(1, 9), "ad", "click")
        .Event("wave", Day(7, 9), "web", "form_submit").Event("wave", Day(20, 9), "web", "page_view", "https://example.com/blog")
        .Event("returner", Day(6, 9), "web", "form_submit").Event("returner", Day(17, 9), "web", "form_submit")
        .Opportunity("o-skip", "skipper", Day(10, 15), null, "open", 100m)
        .Opportunity("o-loyal-1", "loyal", Day(-27), Day(2, 11), "won", 500m).Opportunity("o-loyal-2", "loyal", Day(10), null, "open", 300m)
        .Opportunity("o-close", "closer", Day(3, 8), Day(15, 16), "won", 900m);

    [Fact]
    public async Task Every_account_is_in_one_stage_at_the_start_and_the_end_and_entries_count_each_account_once()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyQueryTests))).WithAsync(Month());

        var result = await new JourneyQuery(db.Gateway, db.JourneyIndex(TenDays)).RunAsync(new JourneyRequest(Window), default);

        Assert.Equal(
            [
                new JourneyStage("TARGET", AtStart: 4, AtEnd: 2, Entered: 3, Progressed: 3),
                new JourneyStage("AWARE", AtStart: 1, AtEnd: 1, Entered: 1, Progressed: 0),
                new JourneyStage("ENGAGED", AtStart: 0, AtEnd: 1, Entered: 2, Progressed: 0),
                new JourneyStage("OPPORTUNITY", AtStart: 1, AtEnd: 1, Entered: 1, Progressed: 1),
                new JourneyStage("CUSTOMER", AtStart: 1, AtEnd: 2, Entered: 1, Progressed: 0),
            ],
            result.Stages);
        Assert.Equal([0.75, 0, null, 1, null], result.Stages.Select(s => s.ProgressionRate));
        Assert.Empty(result.Groups);
    }

    [Fact]
    public async Task Journey_groups_by_an_attribute_and_takes_a_target_list()
    {
        var story = Month().OnList("abm", "returner").OnList("abm", "closer").OnList("abm", "quiet");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyQueryTests))).WithAsync(story);
        var query = new JourneyQuery(db.Gateway, db.JourneyIndex(TenDays));

        var byTier = await query.RunAsync(new JourneyRequest(Window, GroupBy: FunnelGroupBy.Tier), default);
        var listed = await query.RunAsync(new JourneyRequest(Window, "abm"), default);

        Assert.Equal(["1", "2", "3", null], byTier.Groups.Select(g => g.Key));
        // Tier 2 is wave and returner: both targets at the start; wave ends aware, returner engaged.
        Assert.Equal([(2L, 0L), (0, 1), (0, 1), (0, 0), (0, 0)], byTier.Groups[1].Stages.Select(s => (s.AtStart, s.AtEnd)));
        Assert.Equal(byTier.Stages, byTier.Groups.SelectMany(g => g.Stages).GroupBy(s => s.Name)
            .Select(g => new JourneyStage(g.Key, g.Sum(s => s.AtStart), g.Sum(s => s.AtEnd), g.Sum(s => s.Entered), g.Sum(s => s.Progressed))));
        Assert.Equal([(2L, 1L), (0, 0), (0, 1), (1, 0), (0, 1)], listed.Stages.Select(s => (s.AtStart, s.AtEnd)));
    }

    [Fact]
    public async Task A_window_where_nothing_happens_keeps_everyone_where_they_were_with_null_rates_for_empty_stages()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyQueryTests))).WithAsync(Month());

        var result = await new JourneyQuery(db.Gateway, db.JourneyIndex(TenDays)).RunAsync(new JourneyRequest(new(new(2025, 6, 1), new(2025, 7, 1))), default);

        // loyal's first deal was created in February 2026: in June 2025 everyone is a target.
        Assert.Equal([(7L, 7L, 0L, 0L), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)], result.Stages.Select(s => (s.AtStart, s.AtEnd, s.Entered, s.Progressed)));
        Assert.Equal([0, null, null, null, null], result.Stages.Select(s => s.ProgressionRate));
    }

    [Fact]
    public async Task Aware_expires_exactly_when_the_event_leaves_the_lookback()
    {
        var story = new Story().Account("a").Event("a", Day(1, 23.5), "ad", "click");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyQueryTests))).WithAsync(story);
        var query = new JourneyQuery(db.Gateway, db.JourneyIndex(TenDays));

        // At midnight of the 11th the lookback is [1st, 11th): still aware. At midnight of the 12th it is [2nd, 12th).
        var stillAware = await query.RunAsync(new JourneyRequest(new(Date(2), Date(11))), default);
        var expired = await query.RunAsync(new JourneyRequest(new(Date(2), Date(12))), default);

        Assert.Equal(1, stillAware.Stages[1].AtEnd);
        Assert.Equal(0, stillAware.Stages[0].Entered);
        Assert.Equal((1L, 1L), (expired.Stages[0].AtEnd, expired.Stages[0].Entered));
    }
}

/// <summary>The journey's spans follow what is stored after their first round, and a change of the lookback.</summary>
public sealed class JourneyIndexTests
{
    private static readonly DateWindow Window = new(Date(5), Date(25));

    [Fact]
    public async Task Events_stored_after_the_first_round_are_in_the_next_answer_without_waiting_for_the_background()
    {
        var story = new Story().Account("early").Account("late").Event("early", Day(6, 9), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyIndexTests))).WithAsync(story);
        var query = new JourneyQuery(db.Gateway, db.JourneyIndex(Options.Create(new JourneyOptions { LookbackDays = 10 })));
        var before = await query.RunAsync(new JourneyRequest(Window), default);

        // "late" fills a form on the 10th: engaged from the 11th to the 21st, when it leaves the 10-day lookback.
        await new Story().Event("late", Day(10, 9), "web", "form_submit").LoadAsync(db.Gateway);
        var after = await query.RunAsync(new JourneyRequest(Window), default);

        Assert.Equal(1, before.Stages[2].Entered);
        Assert.Equal(2, after.Stages[2].Entered);
        Assert.Equal((2L, 2L), (after.Stages[0].AtStart, after.Stages[0].AtEnd));
    }

    [Fact]
    public async Task A_server_with_a_longer_lookback_recomputes_every_account()
    {
        var story = new Story().Account("a").Event("a", Day(1, 9), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyIndexTests))).WithAsync(story);

        var tenDays = await new JourneyQuery(db.Gateway, db.JourneyIndex(Options.Create(new JourneyOptions { LookbackDays = 10 })))
            .RunAsync(new JourneyRequest(Window), default);
        var ninetyDays = await new JourneyQuery(db.Gateway, db.JourneyIndex())
            .RunAsync(new JourneyRequest(Window), default);

        // Engaged from the 2nd: with 10 days it falls back to target on the 12th, with 90 it is engaged at the end.
        Assert.Equal((1L, 1L), (tenDays.Stages[2].AtStart, tenDays.Stages[0].AtEnd));
        Assert.Equal((1L, 1L), (ninetyDays.Stages[2].AtStart, ninetyDays.Stages[2].AtEnd));
    }

    [Fact]
    public async Task An_opportunity_stored_after_the_first_round_is_in_the_next_answer()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyIndexTests))).WithAsync(new Story().Account("quiet"));
        var query = new JourneyQuery(db.Gateway, db.JourneyIndex());
        var before = await query.RunAsync(new JourneyRequest(Window), default);

        // An opportunity with no event of the account: it goes straight from TARGET to OPPORTUNITY on the 11th.
        await new Story().Opportunity("o-quiet", "quiet", Day(10, 15), null, "open", 100m).LoadAsync(db.Gateway);
        var after = await query.RunAsync(new JourneyRequest(Window), default);

        Assert.Equal((0L, 0L), (before.Stages[3].Entered, before.Stages[3].AtEnd));
        Assert.Equal((1L, 1L), (after.Stages[3].Entered, after.Stages[3].AtEnd));
    }

    [Fact]
    public async Task A_restart_with_the_same_model_and_lookback_goes_on_from_the_last_round_instead_of_redoing_every_account()
    {
        var story = new Story().Account("a").Event("a", Day(1, 9), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(JourneyIndexTests))).WithAsync(story);
        await db.JourneyIndex().EnsureCurrentAsync(default);

        // A second server process on the database: nothing new is stored, so it writes no round; then an event is.
        var restarted = db.JourneyIndex();
        await restarted.EnsureCurrentAsync(default);
        var roundsBefore = await RoundsAsync(db);
        await new Story().Event("a", Day(3, 9), "web", "page_view", "https://example.com/pricing").LoadAsync(db.Gateway);
        await restarted.EnsureCurrentAsync(default);

        Assert.Equal(1, roundsBefore);
        Assert.Equal(2, await RoundsAsync(db));
    }

    private static async Task<long> RoundsAsync(MetricsDatabase db) => (await db.Gateway.ListAsync(
        "SELECT count() AS n FROM journey_index_rounds", new QueryParameters(), r => r.Get<long>("n"), default)).Single();
}
