using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>What survey figures may be grouped by: the response's segment, or its account's industry or tier.</summary>
public enum SurveyGroupBy
{
    Segment,
    Industry,
    Tier,
}

/// <summary>
/// An NPS or CSAT request: a window, an optional trend interval and an optional grouping. With <paramref name="RollingDays"/>
/// (NPS only) each trend point covers the R days before its period's end instead of its period.
/// </summary>
public sealed record SurveyRequest(DateWindow Window, Interval? Interval = null, SurveyGroupBy? GroupBy = null, int? RollingDays = null)
{
    /// <summary>The longest rolling window, in days (two years).</summary>
    public const int MaxRollingDays = 731;

    public SurveyRequest Validated() => RollingDays is < 1 or > MaxRollingDays
        ? throw new MetricArgumentException($"rollingDays must be between 1 and {MaxRollingDays}; it was {RollingDays}.")
        : this;
}

/// <summary>
/// Counts survey answers per (period, key) in one pass; NPS and CSAT turn them into their figures. The current
/// version of each response counts once (FINAL on the response id).
/// </summary>
/// <remarks>
/// Query intuition: answers of one survey in the window, joined to their account's attributes, bucketed by the trend
/// period (the window's first day when there is no trend) and the group key, counting each band of scores.
/// </remarks>
internal static class SurveyCounts
{
    private const string Sql = """
        SELECT
            {period} AS period,
            {key} AS key,
            count() AS responses,
            countIf(r.score >= 9) AS promoters,
            countIf(r.score BETWEEN 7 AND 8) AS passives,
            countIf(r.score <= 6) AS detractors,
            countIf(r.score >= 4) AS satisfied
        FROM survey_responses AS r FINAL
        LEFT JOIN (SELECT account_id, industry, tier FROM accounts FINAL) AS a ON a.account_id = r.account_id
        WHERE r.survey = {survey:String}
          AND r.responded_at >= {from_time:DateTime64(3, 'UTC')} AND r.responded_at < {to_time:DateTime64(3, 'UTC')}
        GROUP BY period, key
        """;

    public sealed record Row(DateOnly Period, string? Key, long Responses, long Promoters, long Passives, long Detractors, long Satisfied);

    public static Task<List<Row>> ReadAsync(
        IClickHouseGateway gateway, string survey, DateWindow window, Interval? interval, SurveyGroupBy? groupBy, CancellationToken cancellationToken)
    {
        var key = groupBy switch
        {
            null => "CAST(NULL, 'Nullable(String)')",
            SurveyGroupBy.Segment => "r.segment",
            SurveyGroupBy.Industry => "a.industry",
            SurveyGroupBy.Tier => "a.tier",
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, null),
        };
        var period = interval is { } i ? Periods.StartSql(i, "r.responded_at") : "{from:Date}";
        var sql = Sql.Replace("{period}", period, StringComparison.Ordinal).Replace("{key}", key, StringComparison.Ordinal);
        return gateway.ListAsync(sql, window.ToParameters().Add("survey", survey), row => new Row(
            row.Get<DateOnly>("period"), row.Key("key"), row.Get<long>("responses"), row.Get<long>("promoters"),
            row.Get<long>("passives"), row.Get<long>("detractors"), row.Get<long>("satisfied")), cancellationToken);
    }

    /// <summary>Sums rows that share a key; <paramref name="rows"/> of one period each make a trend.</summary>
    public static Row Sum(IEnumerable<Row> rows, DateOnly period, string? key) => rows.Aggregate(
        new Row(period, key, 0, 0, 0, 0, 0),
        (s, r) => s with
        {
            Responses = s.Responses + r.Responses, Promoters = s.Promoters + r.Promoters, Passives = s.Passives + r.Passives,
            Detractors = s.Detractors + r.Detractors, Satisfied = s.Satisfied + r.Satisfied,
        });

    /// <summary>
    /// The whole window's figures, a point per period (empty periods included) when an interval is asked, and a figure
    /// per group (null key last) when a grouping is asked; <paramref name="figures"/> turns summed counts into a metric.
    /// </summary>
    public static (T Whole, List<(DateOnly Start, T Figures)> Trend, List<(string? Key, T Figures)> Groups) Assemble<T>(
        List<Row> rows, SurveyRequest request, Func<Row, T> figures)
    {
        var trend = request.Interval is { } interval
            ? Periods.Covering(request.Window, interval).Select(start => (start, figures(Sum(rows.Where(r => r.Period == start), start, null)))).ToList()
            : [];
        var groups = request.GroupBy is null
            ? []
            : rows.GroupBy(r => r.Key)
                .Select(g => (g.Key, figures(Sum(g, request.Window.From, g.Key))))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return (figures(Sum(rows, request.Window.From, null)), trend, groups);
    }
}
