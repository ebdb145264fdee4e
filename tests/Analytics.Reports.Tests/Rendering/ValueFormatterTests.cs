namespace Analytics.Reports.Tests.Rendering;

public sealed class ValueFormatterTests
{
    [Theory]
    [InlineData("1234.4", ValueFormat.Integer, "1,234")]
    [InlineData("2.5", ValueFormat.Integer, "3")]
    [InlineData("1234.567", ValueFormat.Number, "1,234.57")]
    [InlineData("0.4567", ValueFormat.Percent, "45.7%")]
    [InlineData("-12.345", ValueFormat.Score, "-12.3")]
    [InlineData("76000", ValueFormat.Currency, "$76,000")]
    [InlineData("2450000", ValueFormat.Currency, "$2.45M")]
    [InlineData("-582.4", ValueFormat.Currency, "-$582")]
    [InlineData("12.25", ValueFormat.Days, "12.3 d")]
    [InlineData("\"2026-11-23\"", ValueFormat.Date, "23 Nov 2026")]
    [InlineData("\"2026-11-24T23:30:00.000Z\"", ValueFormat.Date, "24 Nov 2026")]
    [InlineData("\"Acme Corp\"", ValueFormat.Text, "Acme Corp")]
    [InlineData("null", ValueFormat.Percent, "–")]
    public void A_value_prints_as_its_format_says(string json, ValueFormat format, string expected)
    {
        Assert.Equal(expected, ValueFormatter.Format(JsonDocument.Parse(json).RootElement, format));
    }

    [Fact]
    public void A_missing_value_prints_as_a_dash() => Assert.Equal("–", ValueFormatter.Format(null, ValueFormat.Integer));

    [Theory]
    [InlineData(120.0, 100.0, ValueFormat.Integer, "+20.0%")]
    [InlineData(5.0, 10.0, ValueFormat.Currency, "-50.0%")]
    [InlineData(3.0, 0.0, ValueFormat.Integer, "+3")]
    [InlineData(0.0, 0.0, ValueFormat.Integer, "no change")]
    [InlineData(0.42, 0.40, ValueFormat.Percent, "+2.0 pts")]
    [InlineData(31.5, 35.0, ValueFormat.Score, "-3.5 pts")]
    [InlineData(10.0, 10.0, ValueFormat.Number, "±0.0%")]
    [InlineData(null, 10.0, ValueFormat.Number, null)]
    [InlineData(10.0, null, ValueFormat.Number, null)]
    public void A_change_is_in_points_for_shares_and_scores_and_relative_otherwise(double? current, double? previous, ValueFormat format, string? expected)
    {
        Assert.Equal(expected, ValueFormatter.Change(current, previous, format));
    }
}
