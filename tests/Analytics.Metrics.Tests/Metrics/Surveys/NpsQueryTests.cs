using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Surveys;

public sealed class NpsQueryTests
{
    private static readonly DateWindow TwoWeeks = new(Date(2), Date(16));

    private static double Margin(double p, double d, int n) => 1.96 * 100 * Math.Sqrt((p + d - ((p - d) * (p - d))) / n);

    [Fact]
    public async Task Nps_with_its_margin_of_error_a_monday_weekly_trend_and_segments()
    {
        var story = new Story()
            .Account("acme", "Software", "1").Account("globex", "Manufacturing", "2")
            .Answer("r1", "nps", Day(2), 10, "acme", "smb").Answer("r2", "nps", Day(8, 23.99), 9, "acme", "smb")
            .Answer("r3", "nps", Day(9), 8, "globex", "enterprise").Answer("r4", "nps", Day(10), 7, "globex", "enterprise")
            .Answer("r5", "nps", Day(11), 6, "globex", "enterprise").Answer("r6", "nps", Day(12), 0, "", null)
            .Answer("r7", "nps", Day(15, 23), 10, "acme", "smb")
            .Answer("r7", "nps", Day(15, 23), 10, "acme", "smb", updatedAt: Day(20))     // re-imported: counts once
            .Answer("r8", "nps", Day(16), 0, "acme", "smb")                                // the window's end: excluded
            .Answer("c1", "csat", Day(3), 1, "acme", "smb");                               // another survey

        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NpsQueryTests))).WithAsync(story);

        var result = await new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(TwoWeeks, Interval.Week, SurveyGroupBy.Segment), default);

        Assert.Equivalent(new NpsResult(
            new NpsFigures(7, 3, 2, 2, 100 * ((3.0 / 7) - (2.0 / 7)), Margin(3.0 / 7, 2.0 / 7, 7)),
            [
                new(Date(2), new NpsFigures(2, 2, 0, 0, 100, 0)),
                new(Date(9), new NpsFigures(5, 1, 2, 2, 100 * (0.2 - 0.4), Margin(0.2, 0.4, 5))),
            ],
            [
                new("enterprise", new NpsFigures(3, 0, 2, 1, 100 * (0 - (1.0 / 3)), Margin(0, 1.0 / 3, 3))),
                new("smb", new NpsFigures(3, 3, 0, 0, 100, 0)),
                new(null, new NpsFigures(1, 0, 0, 1, -100, 0)),
            ]), result, strict: true);
    }

    public static TheoryData<int[], NpsFigures> Bands() => new()
    {
        { [], new NpsFigures(0, 0, 0, 0, null, null) },
        { [9], new NpsFigures(1, 1, 0, 0, 100, 0) },
        { [7], new NpsFigures(1, 0, 1, 0, 0, 0) },
        { [0, 3, 6, 6], new NpsFigures(4, 0, 0, 4, -100, 0) },
        { [10, 0], new NpsFigures(2, 1, 0, 1, 0, 1.96 * 100 * Math.Sqrt(1.0 / 2)) },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public async Task Nps_edge_cases_empty_one_response_all_detractors(int[] scores, NpsFigures expected)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NpsQueryTests))).WithAsync(new Story().Nps(Day(3), scores));

        var result = await new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(TwoWeeks), default);

        Assert.Equivalent(new NpsResult(expected, [], []), result, strict: true);
    }

    [Theory]
    [InlineData(Interval.Day, "2026-03-02", 14)]
    [InlineData(Interval.Week, "2026-03-02", 2)]
    [InlineData(Interval.Month, "2026-03-01", 1)]
    [InlineData(Interval.Quarter, "2026-01-01", 1)]
    public async Task Trends_cover_every_period_of_the_window_and_weeks_start_on_monday(Interval interval, string firstStart, int periods)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NpsQueryTests))).WithAsync(new Story().Nps(Day(8, 12), 10).Nps(Day(9), 0));

        var result = await new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(TwoWeeks, interval), default);

        Assert.Equal(periods, result.Trend.Count);
        Assert.Equal(DateOnly.Parse(firstStart, System.Globalization.CultureInfo.InvariantCulture), result.Trend[0].PeriodStart);
        Assert.Equal(2, result.Trend.Sum(p => p.Figures.Responses));
        if (interval == Interval.Week)
        {
            // Sunday the 8th closes the first week; Monday the 9th opens the second.
            Assert.Equal([100.0, -100.0], result.Trend.Select(p => p.Figures.Score!.Value));
        }
    }
}
