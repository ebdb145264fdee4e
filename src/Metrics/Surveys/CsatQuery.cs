using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>CSAT = the share of 4 and 5 answers on a 1–5 scale, in percent; null without responses.</summary>
public sealed record CsatFigures(long Responses, long Satisfied, double? Score)
{
    public static CsatFigures From(long responses, long satisfied) => new(responses, satisfied, Ratio.Of(100.0 * satisfied, responses));
}

public sealed record CsatPoint(DateOnly PeriodStart, CsatFigures Figures);

public sealed record CsatGroup(string? Key, CsatFigures Figures);

public sealed record CsatResult(CsatFigures Figures, IReadOnlyList<CsatPoint> Trend, IReadOnlyList<CsatGroup> Groups);

/// <summary>Customer satisfaction over a window, with a trend (every period, empty ones included) and groups.</summary>
public sealed class CsatQuery(IClickHouseGateway gateway)
{
    public async Task<CsatResult> RunAsync(SurveyRequest request, CancellationToken cancellationToken)
    {
        var rows = await SurveyCounts.ReadAsync(gateway, "csat", request.Window, request.Interval, request.GroupBy, cancellationToken);
        var trend = request.Interval is { } interval
            ? Periods.Covering(request.Window, interval)
                .Select(start => new CsatPoint(start, Figures(SurveyCounts.Sum(rows.Where(r => r.Period == start), start, null))))
                .ToList()
            : [];
        var groups = request.GroupBy is null
            ? []
            : rows.GroupBy(r => r.Key)
                .Select(g => new CsatGroup(g.Key, Figures(SurveyCounts.Sum(g, request.Window.From, g.Key))))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new CsatResult(Figures(SurveyCounts.Sum(rows, request.Window.From, null)), trend, groups);
    }

    private static CsatFigures Figures(SurveyCounts.Row row) => CsatFigures.From(row.Responses, row.Satisfied);
}
