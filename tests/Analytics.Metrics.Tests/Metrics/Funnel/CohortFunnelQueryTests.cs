using Analytics.Metrics.Journey;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Funnel;

public sealed class CohortFunnelQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// Threshold 10, cohort of the week of the 2nd, followed for 10 days:
    /// "early" engages on the 3rd at 10:00 but its opportunity was created the day before: engaged only.
    /// "reader" reaches 10 page views on the 4th at 10:00; its deal was created at 08:00 that day (0 days: earlier the same
    /// day) and won 5 days after its creation. "late" engages on the 5th at noon, opens a deal half a day later and wins
    /// it on the 16th, one day after its conversion window (the 5th + 10 days): opportunity, not won. "steady" engages on
    /// the 6th at midnight, opens a deal 1.5 days later and wins it 3 days after that. "before" filled its form on the 1st
    /// (outside the window; its five page views inside do not engage it) and "idle" does nothing.
    /// </summary>
    private static Story Week() => new Story()
        .Account("early", tier: "1").Account("reader", tier: "1").Account("late", tier: "2").Account("steady", tier: "2")
        .Account("before", tier: "2").Account("idle")
        .Event("early", Day(3, 10), "web", "form_submit").Opportunity("o-early", "early", Day(2, 15), null, "open", 100m)
        .PageViews("reader", Day(4, 1), 12).Opportunity("o-reader", "reader", Day(4, 8), Day(9, 8), "won", 200m)
        .Event("late", Day(5, 12), "web", "form_submit").Opportunity("o-late", "late", Day(6), Day(16, 1), "won", 300m)
        .Event("steady", Day(6), "web", "form_submit").Opportunity("o-steady", "steady", Day(7, 12), Day(10, 12), "won", 400m)
        .Event("before", Day(1), "web", "form_submit").PageViews("before", Day(3), 5);

    [Fact]
    public async Task Cohort_follows_the_accounts_engaged_in_the_window_for_the_conversion_window_with_days_between_stages()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortFunnelQueryTests))).WithAsync(Week());

        var result = await new CohortFunnelQuery(db.Gateway, db.JourneyIndex()).RunAsync(new CohortFunnelRequest(FirstWeek, ConversionWindowDays: 10), default);

        Assert.Equal(
            [
                new FunnelStage("TARGET", 6, null),
                new FunnelStage("ENGAGED", 4, 4.0 / 6),
                new FunnelStage("OPPORTUNITY", 3, 0.75, AverageDaysFromPrevious: 2.0 / 3, MedianDaysFromPrevious: 0.5),
                new FunnelStage("WON", 2, 2.0 / 3, AverageDaysFromPrevious: 4, MedianDaysFromPrevious: 4),
            ],
            result.Stages, new StageComparer());
    }

    [Fact]
    public async Task A_longer_conversion_window_counts_the_late_win()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortFunnelQueryTests))).WithAsync(Week());

        var result = await new CohortFunnelQuery(db.Gateway, db.JourneyIndex()).RunAsync(new CohortFunnelRequest(FirstWeek, ConversionWindowDays: 12), default);

        // late's deal: created on the 6th, closed on the 16th at 01:00, 10 days and 1 hour.
        Assert.Equal(3, result.Stages[3].Accounts);
        Assert.Equal(5, result.Stages[3].MedianDaysFromPrevious!.Value, 6);
        Assert.Equal((5 + 3 + 10 + 1 / 24.0) / 3, result.Stages[3].AverageDaysFromPrevious!.Value, 6);
    }

    [Fact]
    public async Task Cohort_groups_by_tier_and_gives_a_trend_of_cohorts_by_the_week_they_engaged()
    {
        var story = Week().Event("idle", Day(10, 9), "web", "form_submit");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortFunnelQueryTests))).WithAsync(story);
        var query = new CohortFunnelQuery(db.Gateway, db.JourneyIndex());

        var grouped = await query.RunAsync(new CohortFunnelRequest(FirstWeek, GroupBy: FunnelGroupBy.Tier, ConversionWindowDays: 10), default);
        var trend = await query.RunAsync(new CohortFunnelRequest(new(Date(2), Date(16)), Interval: Interval.Week, ConversionWindowDays: 10), default);

        Assert.Equal(["1", "2", null], grouped.Groups.Select(g => g.Key));
        Assert.Equal([2L, 2, 1, 1], grouped.Groups[0].Stages.Select(s => s.Accounts));
        Assert.Equal([3L, 2, 2, 1], grouped.Groups[1].Stages.Select(s => s.Accounts));
        Assert.Equal([Date(2), Date(9)], trend.Trend.Select(p => p.PeriodStart));
        Assert.Equal([6L, 4, 3, 2], trend.Trend[0].Stages.Select(s => s.Accounts));
        Assert.Equal([6L, 1, 0, 0], trend.Trend[1].Stages.Select(s => s.Accounts));
        Assert.Equal([6L, 5, 3, 2], trend.Stages.Select(s => s.Accounts));
    }

    [Fact]
    public async Task An_empty_cohort_has_null_conversions_and_days_not_zero()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortFunnelQueryTests))).WithAsync(Week());

        var result = await new CohortFunnelQuery(db.Gateway, db.JourneyIndex()).RunAsync(new CohortFunnelRequest(new(Date(20), Date(27))), default);

        Assert.Equal(
            [new FunnelStage("TARGET", 6, null), new FunnelStage("ENGAGED", 0, 0), new FunnelStage("OPPORTUNITY", 0, null), new FunnelStage("WON", 0, null)],
            result.Stages);
    }

    [Fact]
    public async Task A_conversion_window_out_of_range_is_an_argument_error()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(CohortFunnelQueryTests));

        var error = await Assert.ThrowsAsync<MetricArgumentException>(() =>
            new CohortFunnelQuery(db.Gateway, db.JourneyIndex()).RunAsync(new CohortFunnelRequest(FirstWeek, ConversionWindowDays: 0), default));

        Assert.Contains("conversionWindowDays", error.Message);
    }

    /// <summary>Stages equal up to rounding of the fractional days.</summary>
    private sealed class StageComparer : IEqualityComparer<FunnelStage>
    {
        public bool Equals(FunnelStage? x, FunnelStage? y) =>
            x!.Name == y!.Name && x.Accounts == y.Accounts && Close(x.ConversionFromPrevious, y.ConversionFromPrevious)
            && Close(x.AverageDaysFromPrevious, y.AverageDaysFromPrevious) && Close(x.MedianDaysFromPrevious, y.MedianDaysFromPrevious);

        public int GetHashCode(FunnelStage obj) => obj.Name.GetHashCode(StringComparison.Ordinal);

        private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-9;
    }
}

/// <summary>The cohort's moments as the journey's index keeps them: across long quiet stretches, and as events arrive.</summary>
public sealed class CohortStartsTests
{
    /// <summary>
    /// "sleeper" fills a form on the 1st at 09:00, then nothing until the 50th (48 quiet days, filed at a higher level),
    /// when it reads 10 pages, one an hour from 09:00; "daily" reads 4 pages a day, one an hour from noon, from the 1st to
    /// the 60th, so it engages on its third day at 13:00 counting from any day.
    /// </summary>
    private static Story Quiet()
    {
        var story = new Story().Account("sleeper").Account("daily")
            .Event("sleeper", Day(1, 9), "web", "form_submit").PageViews("sleeper", Day(50, 9), 10);
        return Enumerable.Range(1, 60).Aggregate(story, (s, day) => s.PageViews("daily", Day(day, 12), 4));
    }

    [Theory]
    [InlineData(1, 61, 2, 1, 9)]
    [InlineData(2, 61, 2, 50, 18)]
    [InlineData(20, 50, 1, 0, 0)]
    [InlineData(20, 51, 2, 50, 18)]
    [InlineData(50, 51, 1, 50, 18)]
    [InlineData(51, 61, 1, 0, 0)]
    public async Task A_window_starting_in_a_quiet_stretch_counts_from_the_next_active_day(int from, int to, int engaged, int sleeperDay, int sleeperHour)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortStartsTests))).WithAsync(Quiet());
        var window = new DateWindow(Date(from), Date(to));

        var result = await new CohortFunnelQuery(db.Gateway, db.JourneyIndex()).RunAsync(new CohortFunnelRequest(window), default);
        var sleeper = await db.Gateway.ListAsync(
            $"SELECT engaged_at FROM ({CohortStarts.EngagedFrom("account_id = 'sleeper'")}) WHERE engaged_at < {{to_time:DateTime64(3, 'UTC')}}",
            window.ToParameters().Add("from_day", window.FromDaySince1970), r => r.Get<DateTime>("engaged_at"), default);

        Assert.Equal(engaged, result.Stages[1].Accounts);
        Assert.Equal(sleeperDay == 0 ? [] : [Day(sleeperDay, sleeperHour)], sleeper);
    }

    [Fact]
    public async Task Events_stored_after_the_first_round_move_the_cohort()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CohortStartsTests))).WithAsync(new Story().Account("a").Account("b"));
        var query = new CohortFunnelQuery(db.Gateway, db.JourneyIndex());
        var before = await query.RunAsync(new CohortFunnelRequest(new(Date(1), Date(8))), default);

        await new Story().Event("b", Day(3, 9), "web", "form_submit").LoadAsync(db.Gateway);
        var after = await query.RunAsync(new CohortFunnelRequest(new(Date(1), Date(8))), default);

        Assert.Equal((0L, 1L), (before.Stages[1].Accounts, after.Stages[1].Accounts));
    }
}
