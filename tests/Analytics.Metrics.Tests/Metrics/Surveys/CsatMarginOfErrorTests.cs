namespace Analytics.Metrics.Tests.Metrics.Surveys;

public sealed class CsatMarginOfErrorTests
{
    [Theory]
    [InlineData(4, 2, 49.0)] // 1.96 · 100 · √(0.5 · 0.5 / 4)
    [InlineData(100, 90, 5.88)] // 1.96 · 100 · √(0.9 · 0.1 / 100)
    [InlineData(10, 10, 0.0)] // all satisfied: no spread
    public void The_margin_is_the_wald_interval_in_percentage_points(long responses, long satisfied, double expected)
    {
        Assert.Equal(expected, CsatFigures.From(responses, satisfied).MarginOfError!.Value, 6);
    }

    [Fact]
    public void No_answers_have_no_margin()
    {
        Assert.Null(CsatFigures.From(0, 0).MarginOfError);
    }
}
