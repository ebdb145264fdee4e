using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>
/// CSAT = the share of 4 and 5 answers on a 1–5 scale, in percent, with its 95% Wald margin of error in percentage
/// points, 1.96 · 100 · √(s (1 − s) / n); both null without responses.
/// </summary>
public sealed record CsatFigures(long Responses, long Satisfied, double? Score)
{
    public double? MarginOfError => Responses == 0 ? null : 1.96 * 100 * Math.Sqrt((double)Satisfied / Responses * (1 - ((double)Satisfied / Responses)) / Responses);

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
        var (whole, trend, groups) = SurveyCounts.Assemble(rows, request, Figures);
        return new CsatResult(whole, trend.Select(t => new CsatPoint(t.Start, t.Figures)).ToList(), groups.Select(g => new CsatGroup(g.Key, g.Figures)).ToList());
    }

    private static CsatFigures Figures(SurveyCounts.Row row) => CsatFigures.From(row.Responses, row.Satisfied);
}
