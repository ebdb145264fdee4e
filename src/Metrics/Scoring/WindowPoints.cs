using Analytics.Metrics.Common;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// The points accounts earned in a window, priced with a scoring model from the activity and path rollups (not raw
/// events, and not the wide engagement rollup row by row), so a changed model applies to past events at once.
/// </summary>
/// <remarks>
/// Query intuition: a window [from, to) is read as the whole months inside it, from the monthly rollups, and the days
/// before and after them, from the daily ones. Each activity row prices its map of channel/type counts; each path row
/// adds the high-value bonus (high-value price − price) for its events, and only rows of paths matching the model's
/// patterns are read, because the path rollups are ordered by path and the paths are matched once in the small
/// <c>url_paths</c> table. The SQL yields unsummed rows <c>(bucket, account_id, points)</c>; a bucket is a day, or the
/// first day of a month when months are allowed, so a caller may map it to a trend period that contains it.
/// </remarks>
public static class WindowPoints
{
    private const string ActivityPoints = """
        arraySum((k, n) -> n * arrayElement({score_points:Array(Float64)}, indexOf({score_keys:Array(String)}, k)), mapKeys(counts), mapValues(counts))
        """;

    private const string Bonus = "events * arrayElement({score_bonus:Array(Float64)}, indexOf({score_keys:Array(String)}, rule))";

    private const string HighValuePaths = """
        url_path IN (SELECT url_path FROM url_paths WHERE multiSearchAnyCaseInsensitive(url_path, {score_patterns:Array(String)}))
          AND has({score_bonus_rules:Array(String)}, rule)
        """;

    private const string Template = """
        SELECT day AS bucket, account_id, {activity} AS points FROM account_activity_daily
        WHERE {days}
        UNION ALL
        SELECT month AS bucket, account_id, {activity} AS points FROM account_activity_monthly
        WHERE {months}
        UNION ALL
        SELECT day AS bucket, account_id, {bonus} AS points FROM account_path_daily
        WHERE {high_value} AND {days}
        UNION ALL
        SELECT month AS bucket, account_id, {bonus} AS points FROM account_path_monthly
        WHERE {high_value} AND {months}
        """;

    /// <summary>The SQL of the window named <paramref name="name"/> (its parameters come from <see cref="AddWindow"/>).</summary>
    public static string Sql(string name) => Template
        .Replace("{days}", DaysFilter(name), StringComparison.Ordinal)
        .Replace("{months}", MonthsFilter(name), StringComparison.Ordinal)
        .Replace("{activity}", ActivityPoints, StringComparison.Ordinal)
        .Replace("{bonus}", Bonus, StringComparison.Ordinal)
        .Replace("{high_value}", HighValuePaths, StringComparison.Ordinal);

    /// <summary>The condition on a daily rollup's <c>day</c> that selects the window's days outside its whole months.</summary>
    public static string DaysFilter(string name) =>
        $"((day >= {{{name}_from:Date}} AND day < {{{name}_months_from:Date}}) OR (day >= {{{name}_months_to:Date}} AND day < {{{name}_to:Date}}))";

    /// <summary>The condition on a monthly rollup's <c>month</c> that selects the window's whole months.</summary>
    public static string MonthsFilter(string name) => $"month >= {{{name}_months_from:Date}} AND month < {{{name}_months_to:Date}}";

    /// <summary>
    /// The parameters of a window: its days, and the whole months inside it when <paramref name="months"/> is set (only
    /// when every month lies inside one period of the caller's trend: no trend, or months, or quarters).
    /// </summary>
    public static QueryParameters AddWindow(this QueryParameters parameters, string name, DateOnly from, DateOnly to, bool months)
    {
        var (monthsFrom, monthsTo) = months ? WholeMonths(from, to) : (to, to);
        return parameters.Add($"{name}_from", from).Add($"{name}_to", to)
            .Add($"{name}_months_from", monthsFrom).Add($"{name}_months_to", monthsTo);
    }

    /// <summary>Whether a trend of <paramref name="interval"/> may read month buckets (each month inside one period).</summary>
    public static bool MonthsFit(Interval? interval) => interval is null or Interval.Month or Interval.Quarter;

    /// <summary>The whole months inside [from, to) as [first, end); an empty range at <paramref name="to"/> when there is none.</summary>
    public static (DateOnly From, DateOnly To) WholeMonths(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var end = new DateOnly(to.Year, to.Month, 1);
        return first < end ? (first, end) : (to, to);
    }
}
