namespace Analytics.Metrics.Common;

/// <summary>Divisions that answer null, never 0 or NaN, when there is nothing to divide by.</summary>
public static class Ratio
{
    public static double? Of(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;

    public static double? Of(double? numerator, double? denominator) =>
        numerator is null || denominator is null || denominator == 0 ? null : numerator / denominator;
}
