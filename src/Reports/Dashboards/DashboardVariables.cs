namespace Analytics.Reports.Dashboards;

/// <summary>The variables a dashboard's filters give every panel query (dashboards/README.md lists them).</summary>
/// <remarks>The web UI computes the same values in JavaScript; keep the two in step.</remarks>
public static class DashboardVariables
{
    public const int TrendWeeks = 12;

    /// <summary>The names of the variables <see cref="For"/> gives.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "from", "to", "previousFrom", "previousTo", "trendFrom", "targetList",
    };

    /// <summary>The filter variables of the window [from, to), merged under a panel's fixed variables.</summary>
    public static Dictionary<string, object?> For(DateOnly from, DateOnly to, string? targetList)
    {
        if (to <= from)
        {
            throw new ArgumentException($"the window's end {to:yyyy-MM-dd} must be after its start {from:yyyy-MM-dd}");
        }

        var days = to.DayNumber - from.DayNumber;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = Format(from),
            ["to"] = Format(to),
            ["previousFrom"] = Format(from.AddDays(-days)),
            ["previousTo"] = Format(from),
            ["trendFrom"] = Format(to.AddDays(-7 * TrendWeeks)),
            ["targetList"] = targetList,
        };
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
