using Analytics.Metrics.Schema;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Journey;

/// <summary>
/// What the journey and the cohort funnel read instead of an account's every day or event, kept by
/// <see cref="JourneyIndex"/>: the midnights at which each account is ENGAGED, AWARE and has an open opportunity
/// (docs/journey.md), as spans; the moment each account becomes engaged counting from each day it was active; the
/// rounds it completed; and the accounts whose activity or opportunities were written since, so it redoes just those.
/// </summary>
public static class JourneyIndexTables
{
    /// <summary>
    /// One row per account (the latest <c>computed_at</c> wins): <c>engaged</c>, <c>aware</c> and <c>open</c> are the
    /// spans [first, end) of midnights, as day numbers since 1970, at which its points of the lookback reach the
    /// threshold, at which it has an event in the lookback, and at which it has an open opportunity;
    /// <c>customer_from</c> is the first midnight after an opportunity was won (2147483647 for none); <c>basis</c>
    /// names the model version and lookback they were computed with.
    /// </summary>
    public static readonly TableSpec Spans = new(
        "journey_spans",
        [
            "account_id String",
            "engaged Array(Tuple(Int32, Int32))",
            "aware Array(Tuple(Int32, Int32))",
            "open Array(Tuple(Int32, Int32))",
            "customer_from Int32",
            "basis String",
            "computed_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(computed_at)",
        "account_id",
        ShardingKey: "cityHash64(account_id)");

    /// <summary>
    /// Per account and day it has events (<c>start_day</c>): <c>engaged_at</c>, the first moment its points counted from
    /// that day's midnight reach the threshold (no row when they never do). A cohort that starts on day F counts from
    /// the first such day on or after F, the row with <c>gap_from</c> ≤ F ≤ <c>start_day</c> (<c>gap_from</c> is the
    /// day after the account's previous active day, 0 for its first). TRICKY: to find that row without reading every
    /// later one, rows are filed by how many start days they stand for (<c>level</c> k holds up to 7·2^k), so a level
    /// is read only over its own span of days after F (<see cref="CohortStarts"/>).
    /// </summary>
    public static readonly TableSpec CohortStarts = new(
        "cohort_starts",
        [
            "level UInt8",
            "start_day Int32",
            "gap_from Int32",
            "account_id String",
            "engaged_at DateTime64(3, 'UTC')",
            "computed_at DateTime64(6, 'UTC')",
        ],
        "MergeTree",
        "level, start_day, account_id",
        ShardingKey: "cityHash64(account_id)");

    /// <summary>
    /// Each completed round of the index: the model and lookback it computed with and the latest mark it covered, so a
    /// restarted server goes on from there.
    /// </summary>
    public static readonly TableSpec Rounds = new(
        "journey_index_rounds",
        [
            "basis String",
            "marks_through DateTime64(6, 'UTC')",
            "finished_at DateTime64(6, 'UTC')",
        ],
        "MergeTree",
        "finished_at");

    /// <summary>The accounts whose daily activity rows or opportunities were written, and when (a row per account and insert).</summary>
    public static readonly TableSpec Changed = new(
        "journey_changed_accounts",
        [
            "account_id String",
            "marked_at DateTime64(6, 'UTC')",
        ],
        "MergeTree",
        "marked_at",
        ShardingKey: "cityHash64(account_id)");

    /// <summary>
    /// Marks the accounts of every insert into the daily activity rollup: new events, a rebuild of months after a crash
    /// or an erasure, a re-pricing. Not rebuilt by months (it only grows, and holds nothing personal but account ids).
    /// </summary>
    public static readonly MaterializedViewSpec ChangedView = new(
        "journey_changed_accounts_mv",
        Source: RollupTables.AccountActivityDaily.Name,
        Target: "journey_changed_accounts",
        Select: "SELECT DISTINCT account_id, now64(6) AS marked_at FROM {source}",
        Bucket: null);

    /// <summary>Marks the accounts of every insert into <c>opportunities</c> (a new one, a new stage or status).</summary>
    public static readonly MaterializedViewSpec ChangedOpportunitiesView = new(
        "journey_changed_opportunities_mv",
        Source: "opportunities",
        Target: "journey_changed_accounts",
        Select: "SELECT DISTINCT account_id, now64(6) AS marked_at FROM {source} WHERE account_id != ''",
        Bucket: null);
}
