using System.Globalization;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Journey;

/// <summary>
/// The SQL of <see cref="JourneyIndexTables.CohortStarts"/>: how the index writes an account's rows from its events,
/// and how the cohort funnel finds the moment each account became engaged in a window.
/// </summary>
/// <remarks>
/// Writing intuition: an account's events sorted by time, with the running sum of their points. Counting from day j,
/// the account is engaged at the first event whose running sum reaches (the sum before j's first event) + threshold.
/// Those targets grow with j, so one sort of the sums and the targets together (a target before an equal sum) puts
/// each target just before the event that reaches it, and filling every target with the time of the next event
/// (<c>arrayReverseFill</c>) answers them all at once: no per-day scan, no lambda that reads another array.
/// Events at the same millisecond count together, so their order among themselves does not matter.
/// </remarks>
public static class CohortStarts
{
    /// <summary>The highest level: 7·2^15 days is more than the supported range of dates.</summary>
    public const int TopLevel = 15;

    /// <summary>Writes the rows of the accounts in <c>{accounts:Array(String)}</c>, priced with the model's parameters.</summary>
    public static string Insert(string eventPoints) => $$"""
        INSERT INTO cohort_starts (level, start_day, gap_from, account_id, engaged_at, computed_at)
        SELECT toUInt8(least({{TopLevel}}, greatest(0, ceil(log2((start_day - gap_from + 1) / 7))))) AS level,
            start_day, gap_from, account_id, engaged_at, {computed_at:DateTime64(6, 'UTC')}
        FROM (
            SELECT account_id, start_days, gap_froms, engaged
            FROM (
                SELECT account_id,
                    arraySort(e -> e.1, groupArray((timestamp, points))) AS events,
                    arrayMap(e -> e.1, events) AS times,
                    arrayMap(e -> toInt32(toDate(e.1)), events) AS days,
                    arrayCumSum(arrayMap(e -> e.2, events)) AS running,
                    arrayPushFront(arrayPopBack(days), -1) AS day_before,
                    -- The first event of each active day: its day, and the target counting from it.
                    arrayFilter((d, b) -> d != b, days, day_before) AS start_days,
                    arrayMap(before -> before + {threshold:Float64} - 1e-9,
                        arrayFilter((r, d, b) -> d != b, arrayPushFront(arrayPopBack(running), 0.), days, day_before)) AS targets,
                    arraySort(x -> (x.1, x.2), arrayConcat(
                        arrayMap((r, t) -> (r, 1, t), running, times),
                        arrayMap(t -> (t, 0, toDateTime64(0, 3, 'UTC')), targets))) AS merged,
                    arrayFilter((t, kind) -> kind = 0,
                        arrayReverseFill((t, kind) -> kind = 1, arrayMap(x -> x.3, merged), arrayMap(x -> x.2, merged)),
                        arrayMap(x -> x.2, merged)) AS engaged,
                    arrayPushFront(arrayMap(d -> d + 1, arrayPopBack(start_days)), 0) AS gap_froms
                FROM (
                    SELECT account_id, timestamp, {{eventPoints}} AS points
                    FROM events FINAL
                    -- Delivery reports are no engagement (EngagementEvents): they make no day an active day.
                    WHERE account_id IN {accounts:Array(String)} AND {{EngagementEvents.Sql}}
                )
                GROUP BY account_id
            )
        )
        ARRAY JOIN start_days AS start_day, gap_froms AS gap_from, engaged AS engaged_at
        -- A target no event reaches kept the placeholder: no row.
        WHERE engaged_at > toDateTime64(0, 3, 'UTC')
        """;

    /// <summary>
    /// Each account's moment of becoming engaged counting from the midnight of <c>{from_day:Int32}</c>, as
    /// (<c>account_id</c>, <c>engaged_at</c>), of the accounts <paramref name="accounts"/> selects (every account when
    /// null): each level read only over the days after from_day that its rows can stand for.
    /// </summary>
    public static string EngagedFrom(string? accounts = null)
    {
        var levels = string.Join(" OR ", Enumerable.Range(0, TopLevel + 1).Select(level =>
            $"(level = {level} AND start_day < {{from_day:Int32}} + {(7L << level).ToString(CultureInfo.InvariantCulture)})"));
        return $"""
            SELECT account_id, min(engaged_at) AS engaged_at
            FROM cohort_starts
            WHERE start_day >= {"{from_day:Int32}"} AND gap_from <= {"{from_day:Int32}"} AND ({levels}) AND {accounts ?? "1"}
            GROUP BY account_id
            """;
    }
}
