using Analytics.Metrics.Common;

namespace Analytics.Metrics.Funnel;

/// <summary>What a funnel may be grouped by: an account attribute, or the source or channel of its first event in the window.</summary>
public enum FunnelGroupBy
{
    Industry,
    Tier,
    Country,
    Owner,
    FirstTouchSource,
    FirstTouchChannel,
}

/// <summary>
/// How the funnel counts: the window funnel of the first round (each stage reached inside the window), or the cohort
/// funnel (the accounts that became engaged in the window, followed for a conversion window).
/// </summary>
public enum FunnelMode
{
    Window,
    Cohort,
}

/// <summary>
/// A funnel over <paramref name="Window"/>, of one target list (all known accounts when null). Without
/// <paramref name="Totals"/> only the trend is computed (the stages and groups come back empty): a trend chart asks for no more.
/// </summary>
public sealed record FunnelRequest(
    DateWindow Window, string? TargetList = null, FunnelGroupBy? GroupBy = null, Interval? Interval = null, bool Totals = true);

/// <summary>
/// One stage: TARGET, ENGAGED, OPPORTUNITY or WON; conversion is from the stage before (null for TARGET or when it had no
/// account). The days from the stage before are the cohort funnel's (<see cref="CohortFunnelQuery"/>), null otherwise.
/// </summary>
public sealed record FunnelStage(
    string Name, long Accounts, double? ConversionFromPrevious, double? AverageDaysFromPrevious = null, double? MedianDaysFromPrevious = null);

public sealed record FunnelGroup(string? Key, IReadOnlyList<FunnelStage> Stages);

/// <summary>The funnel over one period of a trend, the period clipped to the window.</summary>
public sealed record FunnelPoint(DateOnly PeriodStart, IReadOnlyList<FunnelStage> Stages);

public sealed record FunnelResult(IReadOnlyList<FunnelStage> Stages, IReadOnlyList<FunnelGroup> Groups, IReadOnlyList<FunnelPoint> Trend);

/// <summary>The four stage counts, turned into stages with their conversions.</summary>
public readonly record struct FunnelCounts(long Target, long Engaged, long Opportunity, long Won)
{
    public static readonly string[] Names = ["TARGET", "ENGAGED", "OPPORTUNITY", "WON"];

    public FunnelCounts Plus(FunnelCounts other) =>
        new(Target + other.Target, Engaged + other.Engaged, Opportunity + other.Opportunity, Won + other.Won);

    public IReadOnlyList<FunnelStage> ToStages()
    {
        long[] counts = [Target, Engaged, Opportunity, Won];
        return counts.Select((n, i) => new FunnelStage(Names[i], n, i == 0 ? null : Ratio.Of(n, counts[i - 1]))).ToList();
    }
}
