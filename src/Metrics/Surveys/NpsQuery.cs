using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>
/// NPS = %promoters (9–10) − %detractors (0–6), from −100 to 100, with its 95% Wald margin of error
/// 1.96 · 100 · √((p + d − (p − d)²) / n). Both are null without responses.
/// </summary>
public sealed record NpsFigures(long Responses, long Promoters, long Passives, long Detractors, double? Score, double? MarginOfError)
{
    public static NpsFigures From(long promoters, long passives, long detractors)
    {
        var n = promoters + passives + detractors;
        if (n == 0)
        {
            return new NpsFigures(0, 0, 0, 0, null, null);
        }

        double p = (double)promoters / n, d = (double)detractors / n;
        var margin = 1.96 * 100 * Math.Sqrt((p + d - ((p - d) * (p - d))) / n);
        return new NpsFigures(n, promoters, passives, detractors, 100 * (p - d), margin);
    }
}

public sealed record NpsPoint(DateOnly PeriodStart, NpsFigures Figures);

public sealed record NpsGroup(string? Key, NpsFigures Figures);

public sealed record NpsResult(NpsFigures Figures, IReadOnlyList<NpsPoint> Trend, IReadOnlyList<NpsGroup> Groups);

/// <summary>The Net Promoter Score over a window, with a trend (every period, empty ones included) and groups.</summary>
public sealed class NpsQuery(IClickHouseGateway gateway)
{
    public async Task<NpsResult> RunAsync(SurveyRequest request, CancellationToken cancellationToken)
    {
        var rows = await SurveyCounts.ReadAsync(gateway, "nps", request.Window, request.Interval, request.GroupBy, cancellationToken);
        var (whole, trend, groups) = SurveyCounts.Assemble(rows, request, Figures);
        return new NpsResult(whole, trend.Select(t => new NpsPoint(t.Start, t.Figures)).ToList(), groups.Select(g => new NpsGroup(g.Key, g.Figures)).ToList());
    }

    private static NpsFigures Figures(SurveyCounts.Row row) => NpsFigures.From(row.Promoters, row.Passives, row.Detractors);
}
