using Analytics.Metrics.Schema;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Attribution;

/// <summary>
/// What attribution reads instead of every account-day of each opportunity's lookback, kept by
/// <see cref="OpportunityTouchIndex"/>: per opportunity, its account's first and last touch and its events by channel,
/// source and campaign from the lookback before its creation; and the accounts and days whose rollup rows or
/// opportunities were written since, so it redoes just the opportunities whose lookback those days fall in.
/// </summary>
public static class OpportunityTouchTables
{
    /// <summary>
    /// One row per opportunity (the latest <c>computed_at</c> wins): the days (<c>created_day</c> − <c>lookback_days</c>,
    /// <c>created_day</c>] of its account, as attribution counts them (<see cref="OpportunityTouches"/>). An opportunity
    /// without a touch has the default tuples (time 1970, empty keys) and empty maps.
    /// </summary>
    public static readonly TableSpec Touches = new(
        "opportunity_touches",
        [
            "opportunity_id String",
            "account_id String",
            "created_day Date",
            "lookback_days UInt32",
            $"first {RollupTables.Touch}",
            $"last {RollupTables.Touch}",
            "channels Map(String, UInt64)",
            "sources Map(String, UInt64)",
            "campaigns Map(String, UInt64)",
            "computed_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(computed_at)",
        "opportunity_id",
        ShardingKey: "cityHash64(opportunity_id)");

    /// <summary>The accounts whose rollup rows or opportunities were written, the days those rows are of, and when.</summary>
    public static readonly TableSpec Marks = new(
        "opportunity_touch_marks",
        [
            "account_id String",
            "from_day Date",
            "to_day Date",
            "marked_at DateTime64(6, 'UTC')",
        ],
        "MergeTree",
        "marked_at",
        ShardingKey: "cityHash64(account_id)");

    /// <summary>
    /// Marks the accounts and days of every insert into the rollups attribution reads: new events, a rebuild of months
    /// after a crash or an erasure. Not rebuilt by months (it only grows until a round forgets what it covered).
    /// </summary>
    public static readonly MaterializedViewSpec EngagementMarksView = MarksOf(RollupTables.AccountEngagementDaily.Name, "engagement");

    /// <inheritdoc cref="EngagementMarksView"/>
    public static readonly MaterializedViewSpec TouchMarksView = MarksOf(RollupTables.AccountTouchDaily.Name, "touch");

    /// <summary>Marks the account and creation day of every insert into <c>opportunities</c> (new, or a new stage, amount or date).</summary>
    public static readonly MaterializedViewSpec OpportunityMarksView = new(
        "opportunity_touch_marks_opportunities_mv",
        Source: "opportunities",
        Target: Marks.Name,
        Select: """
            SELECT account_id, min(toDate(created_at)) AS from_day, max(toDate(created_at)) AS to_day, now64(6) AS marked_at
            FROM {source} WHERE account_id != '' GROUP BY account_id
            """,
        Bucket: null);

    private static MaterializedViewSpec MarksOf(string rollup, string name) => new(
        $"opportunity_touch_marks_{name}_mv",
        Source: rollup,
        Target: Marks.Name,
        Select: "SELECT account_id, min(day) AS from_day, max(day) AS to_day, now64(6) AS marked_at FROM {source} GROUP BY account_id",
        Bucket: null);
}
