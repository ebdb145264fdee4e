using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;

namespace Analytics.Metrics.Journey;

/// <summary>The journey of one target list (all known accounts when null) over <paramref name="Window"/>, optionally per group.</summary>
public sealed record JourneyRequest(DateWindow Window, string? TargetList = null, FunnelGroupBy? GroupBy = null);

/// <summary>
/// One stage of the journey over a window: accounts in it at the window's start and end, accounts that entered it during
/// the window, and accounts of <see cref="AtStart"/> that were at a later stage at the end.
/// </summary>
public sealed record JourneyStage(string Name, long AtStart, long AtEnd, long Entered, long Progressed)
{
    /// <summary>Progressed ÷ at start; null when no account was in the stage at the start (and always for CUSTOMER).</summary>
    public double? ProgressionRate => Name == JourneyStages.Customer ? null : Ratio.Of(Progressed, AtStart);
}

public sealed record JourneyGroup(string? Key, IReadOnlyList<JourneyStage> Stages);

public sealed record JourneyResult(IReadOnlyList<JourneyStage> Stages, IReadOnlyList<JourneyGroup> Groups);

/// <summary>The stages in their order, TARGET first; an account is in the last one whose condition holds.</summary>
public static class JourneyStages
{
    public const string Customer = "CUSTOMER";

    public static readonly IReadOnlyList<string> Names = ["TARGET", "AWARE", "ENGAGED", "OPPORTUNITY", Customer];

    /// <summary>
    /// The SQL of an account's stage (0 TARGET … 4 CUSTOMER, a UInt8) at the midnight <paramref name="midnight"/> (days
    /// since 1970), from its row <paramref name="spans"/> of journey_spans and its <paramref name="customerFrom"/>.
    /// </summary>
    public static string AtSql(string midnight, string spans, string customerFrom) => $"""
        toUInt8(multiIf(
            {customerFrom} <= {midnight}, 4,
            arrayExists(x -> x.1 <= {midnight} AND {midnight} < x.2, {spans}.open), 3,
            arrayExists(x -> x.1 <= {midnight} AND {midnight} < x.2, {spans}.engaged), 2,
            arrayExists(x -> x.1 <= {midnight} AND {midnight} < x.2, {spans}.aware), 1,
            0))
        """;
}
