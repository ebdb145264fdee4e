using Analytics.Metrics.Schema;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Journey;

/// <summary>
/// What the journey reads instead of an account's every day: the midnights at which each account is ENGAGED and AWARE
/// (docs/journey.md), as spans, kept by <see cref="JourneySpanIndex"/> from the daily activity rollup; and the accounts
/// whose rollup rows were written since, so the index redoes just those.
/// </summary>
public static class JourneySpanTables
{
    /// <summary>
    /// One row per account (the latest <c>computed_at</c> wins): <c>engaged</c> and <c>aware</c> are the spans
    /// [first, end) of midnights, as day numbers since 1970, at which its points of the lookback reach the threshold and
    /// at which it has an event in the lookback; <c>basis</c> names the model version, threshold and lookback they were
    /// computed with.
    /// </summary>
    public static readonly TableSpec Spans = new(
        "journey_spans",
        [
            "account_id String",
            "engaged Array(Tuple(Int32, Int32))",
            "aware Array(Tuple(Int32, Int32))",
            "basis String",
            "computed_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(computed_at)",
        "account_id",
        ShardingKey: "cityHash64(account_id)");

    /// <summary>The accounts whose daily activity rows were written, and when (a row per account and insert).</summary>
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
}
