using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Surveys;

/// <summary>NPS that reads well at any sample size: rolling trend windows, small samples marked, and the comparison's margin.</summary>
public sealed class NpsAtAnySizeTests
{
    [Fact]
    public async Task A_rolling_trend_gives_each_week_the_answers_of_the_fourteen_days_before_its_end()
    {
        // Feb 25: 0. Mar 3: 10, 10. Mar 10: 0. Mar 17: 9. Mar 24: 7.
        var story = new Story().Nps(Day(-4), 0).Nps(Day(3), 10, 10).Nps(Day(10), 0).Nps(Day(17), 9).Nps(Day(24), 7);
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NpsAtAnySizeTests))).WithAsync(story);

        var result = await new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(new(Date(2), Date(30)), Interval.Week, RollingDays: 14), default);

        // Week of the 2nd ends on the 9th: [Feb 23, Mar 9) holds 0, 10, 10. Week of the 9th: [2nd, 16th) holds 10, 10, 0.
        // Week of the 16th: [9th, 23rd) holds 0, 9. Week of the 23rd: [16th, 30th) holds 9, 7.
        Assert.Equal([Date(2), Date(9), Date(16), Date(23)], result.Trend.Select(p => p.PeriodStart));
        Assert.Equal([3L, 3, 2, 2], result.Trend.Select(p => p.Figures.Responses));
        Assert.Equal([100.0 / 3, 100.0 / 3, 0, 50], result.Trend.Select(p => p.Figures.Score!.Value), new Tolerance());
        Assert.All(result.Trend, p => Assert.True(p.Figures.SmallSample));
        // The whole window is still [2nd, 30th): 10, 10, 0, 9, 7.
        Assert.Equal((5L, 40.0), (result.Figures.Responses, Math.Round(result.Figures.Score!.Value, 9)));
    }

    [Fact]
    public async Task A_rolling_window_out_of_range_is_an_argument_error()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(NpsAtAnySizeTests));

        var error = await Assert.ThrowsAsync<MetricArgumentException>(() =>
            new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(new(Date(2), Date(30)), Interval.Week, RollingDays: 0), default));

        Assert.Contains("rollingDays", error.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(29, true)]
    [InlineData(30, false)]
    [InlineData(0, false)]
    public void A_score_from_fewer_than_thirty_answers_is_a_small_sample(int answers, bool small)
    {
        Assert.Equal(small, NpsFigures.From(answers, 0, 0).SmallSample);
    }

    [Fact]
    public async Task The_comparison_of_two_windows_checked_by_hand()
    {
        // This week: 30 promoters, 10 passives, 10 detractors (NPS 40, p = 0.6, d = 0.2, v = 0.8 − 0.16 = 0.64).
        // Last week: 16 promoters, 12 passives, 12 detractors (NPS 10, p = 0.4, d = 0.3, v = 0.7 − 0.01 = 0.69).
        // Margin = 1.96 · 100 · √(0.64/50 + 0.69/40) = 196 · √0.03005 = 33.9764...: a change of 30 is within the margin.
        var story = new Story()
            .Nps(Day(10), [.. Enumerable.Repeat(10, 30), .. Enumerable.Repeat(8, 10), .. Enumerable.Repeat(3, 10)])
            .Nps(Day(3), [.. Enumerable.Repeat(9, 16), .. Enumerable.Repeat(7, 12), .. Enumerable.Repeat(0, 12)]);
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NpsAtAnySizeTests))).WithAsync(story);
        var query = new NpsComparisonQuery(new NpsQuery(db.Gateway));

        var within = await query.RunAsync(new NpsComparisonRequest(new(Date(9), Date(16)), new(Date(2), Date(9))), default);
        var empty = await query.RunAsync(new NpsComparisonRequest(new(Date(9), Date(16)), new(Date(20), Date(27))), default);

        Assert.Equal((40.0, 10.0), (Math.Round(within.Current.Figures.Score!.Value, 9), Math.Round(within.Previous.Figures.Score!.Value, 9)));
        Assert.Equal(30, within.Difference!.Value, 9);
        Assert.Equal(196 * Math.Sqrt(0.03005), within.MarginOfError!.Value, 9);
        Assert.Equal(33.9765, within.MarginOfError!.Value, 3);
        Assert.False(within.Significant);
        Assert.Equal((null, null, null), (empty.Difference, empty.MarginOfError, empty.Significant));
    }

    [Fact]
    public void A_change_bigger_than_its_margin_is_significant()
    {
        // 200 answers each: NPS 50 (p 0.6, d 0.1, v 0.45) against 10 (p 0.4, d 0.3, v 0.69):
        // margin = 196 · √(0.45/200 + 0.69/200) = 196 · √0.0057 = 14.798; the change of 40 is significant.
        var comparison = NpsComparison.Of(Nps(120, 60, 20), Nps(80, 60, 60));

        Assert.Equal(40, comparison.Difference!.Value, 9);
        Assert.Equal(196 * Math.Sqrt(0.0057), comparison.MarginOfError!.Value, 9);
        Assert.True(comparison.Significant);
    }

    private static NpsResult Nps(long promoters, long passives, long detractors) => new(NpsFigures.From(promoters, passives, detractors), [], []);

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
