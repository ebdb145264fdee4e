using System.Globalization;

namespace Analytics.Testing;

/// <summary>
/// What the summing rollups hold against the events they come from; after a crash, a replay or a deletion they must
/// agree: every event with an account counted once by the engagement and activity rollups, and every web event with a
/// URL path once by the activity rollups' path counts.
/// </summary>
public sealed record RollupTotals(
    ulong Events, ulong Engagement, ulong ActivityDaily, ulong ActivityMonthly, ulong WebEvents, ulong PathDaily, ulong PathMonthly)
{
    public const string Sql = """
        SELECT
            (SELECT count() FROM events WHERE account_id != ''),
            (SELECT sum(events) FROM account_engagement_daily),
            (SELECT sum(arraySum(mapValues(counts))) FROM account_activity_daily),
            (SELECT sum(arraySum(mapValues(counts))) FROM account_activity_monthly),
            (SELECT count() FROM events WHERE account_id != '' AND channel = 'web' AND path(url) != ''),
            (SELECT sum(arraySum(mapValues(path_counts))) FROM account_activity_daily),
            (SELECT sum(arraySum(mapValues(path_counts))) FROM account_activity_monthly)
        """;

    /// <summary>The totals of the one row <see cref="Sql"/> returns.</summary>
    public static RollupTotals From(IReadOnlyList<object?> row)
    {
        var v = row.Select(value => Convert.ToUInt64(value ?? 0ul, CultureInfo.InvariantCulture)).ToArray();
        return new RollupTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /// <summary>The totals the rollups should hold for these events: compare with <c>Assert.Equal(totals.Agreeing(), totals)</c>.</summary>
    /// <remarks>A method, not a property: a record prints its properties, and this one would print itself without end.</remarks>
    public RollupTotals Agreeing() => new(Events, Events, Events, Events, WebEvents, WebEvents, WebEvents);
}
