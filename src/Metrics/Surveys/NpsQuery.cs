using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>
/// NPS = %promoters (9–10) − %detractors (0–6), from −100 to 100, with its 95% Wald margin of error
/// 1.96 · 100 · √((p + d − (p − d)²) / n). Both are null without responses.
/// </summary>
public sealed record NpsFigures(long Responses, long Promoters, long Passives, long Detractors, double? Score, double? MarginOfError)
{
    /// <summary>Below this many answers a score is marked as a small sample: its margin of error is wide.</summary>
    public const int SmallSampleBelow = 30;

    /// <summary>Some answers, but fewer than <see cref="SmallSampleBelow"/>.</summary>
    public bool SmallSample => Responses is > 0 and < SmallSampleBelow;

    /// <summary>The variance of one answer's contribution, p + d − (p − d)²; null without answers.</summary>
    public double? Variance => Responses == 0 ? null : Share(Promoters) + Share(Detractors) - ((Share(Promoters) - Share(Detractors)) * (Share(Promoters) - Share(Detractors)));

    private double Share(long count) => (double)count / Responses;

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

/// <summary>
/// The Net Promoter Score over a window, with a trend (every period, empty ones included) and groups. A rolling trend
/// (<see cref="SurveyRequest.RollingDays"/> R) gives each period the answers of [periodEnd − R days, periodEnd), its end
/// clipped to the window's: a monthly survey then reads as a steady line instead of spikes and gaps.
/// </summary>
public sealed class NpsQuery(IClickHouseGateway gateway)
{
    public async Task<NpsResult> RunAsync(SurveyRequest request, CancellationToken cancellationToken)
    {
        request = request.Validated();
        if (request is { Interval: { } interval, RollingDays: { } days })
        {
            return await RollingAsync(request, interval, days, cancellationToken);
        }

        var rows = await SurveyCounts.ReadAsync(gateway, "nps", request.Window, request.Interval, request.GroupBy, cancellationToken);
        var (whole, trend, groups) = SurveyCounts.Assemble(rows, request, Figures);
        return new NpsResult(whole, trend.Select(t => new NpsPoint(t.Start, t.Figures)).ToList(), groups.Select(g => new NpsGroup(g.Key, g.Figures)).ToList());
    }

    // Answers per day from the first rolling window's start; the whole window and its groups from the days inside it.
    private async Task<NpsResult> RollingAsync(SurveyRequest request, Interval interval, int days, CancellationToken cancellationToken)
    {
        var window = request.Window;
        var ends = Periods.Covering(window, interval)
            .Select(start => (Start: start, End: Periods.Next(interval, start) < window.To ? Periods.Next(interval, start) : window.To))
            .ToList();
        var readFrom = ends.Select(p => p.End.AddDays(-days)).Append(window.From).Min();
        var rows = await SurveyCounts.ReadAsync(gateway, "nps", new DateWindow(readFrom, window.To), Interval.Day, request.GroupBy, cancellationToken);
        var inWindow = rows.Where(r => r.Period >= window.From).ToList();
        var (whole, _, groups) = SurveyCounts.Assemble(inWindow, request with { Interval = null }, Figures);
        var trend = ends.Select(p => new NpsPoint(
            p.Start, Figures(SurveyCounts.Sum(rows.Where(r => r.Period >= p.End.AddDays(-days) && r.Period < p.End), p.Start, null)))).ToList();
        return new NpsResult(whole, trend, groups.Select(g => new NpsGroup(g.Key, g.Figures)).ToList());
    }

    private static NpsFigures Figures(SurveyCounts.Row row) => NpsFigures.From(row.Promoters, row.Passives, row.Detractors);
}
