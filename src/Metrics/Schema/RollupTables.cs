using Analytics.Metrics.Scoring;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Schema;

/// <summary>
/// The metrics' rollups of the events, fed by materialized views so that dashboards never scan raw events, and the
/// scoring models they are priced with. A view's rows are rebuilt by the months of its bucket (ingestion's rollup repair).
/// </summary>
public static class RollupTables
{
    private const string Time = "DateTime64(3, 'UTC')";
    private const string ByAccount = "cityHash64(account_id)";

    /// <summary>
    /// The engagement rollup: per account, day, channel, type, campaign, source and (for web) URL path, the number of
    /// engagement events (<see cref="EngagementEvents"/>: every rollup of this class leaves delivery reports out) and the
    /// distinct contacts. Engagement by channel and campaign performance price these counts with the model
    /// at query time. Events of unknown accounts are left out; when identity resolution later finds their account, the
    /// writer re-inserts them under it, and they are counted then.
    /// </summary>
    public static readonly TableSpec AccountEngagementDaily = new(
        "account_engagement_daily",
        [
            "account_id String",
            "day Date",
            "channel LowCardinality(String)",
            "type LowCardinality(String)",
            "campaign LowCardinality(String)",
            "source LowCardinality(String)",
            "url_path String",
            "events SimpleAggregateFunction(sum, UInt64)",
            "contacts AggregateFunction(uniq, String)",
        ],
        "AggregatingMergeTree",
        "account_id, day, channel, type, campaign, source, url_path",
        PartitionBy: "toYYYYMM(day)",
        ShardingKey: ByAccount);

    public static readonly MaterializedViewSpec AccountEngagementDailyView = new(
        "account_engagement_daily_mv",
        Source: "events",
        Target: "account_engagement_daily",
        Select: $$"""
            SELECT
                account_id,
                toDate(timestamp) AS day,
                channel,
                type,
                campaign,
                source,
                if(channel = 'web', path(url), '') AS url_path,
                toUInt64(count()) AS events,
                uniqStateIf(contact_id, contact_id != '') AS contacts
            FROM {source}
            WHERE account_id != '' AND {{EngagementEvents.Sql}}
            GROUP BY account_id, day, channel, type, campaign, source, url_path
            """);

    /// <summary>
    /// The touch rollup: per account and day, the first and the last touch as (time, channel, source, campaign) and
    /// the time of the last event. First-touch groups, attribution and "last activity" read this instead of raw events.
    /// The touches are plain tuples kept by min and max, which compare by time first (a tie inside one millisecond goes
    /// to the smaller channel, source, campaign): cheap to read, and a row counted twice changes nothing, so a backfill
    /// may overlap the view. (Migration 4 kept them as argMin/argMax states, which cost twice as much to read.)
    /// </summary>
    public static readonly TableSpec AccountTouchDaily = TouchTable("account_touch_daily", "day");

    /// <summary>The touch rollup per account and month (see <see cref="AccountTouchDaily"/>), for windows of whole months.</summary>
    public static readonly TableSpec AccountTouchMonthly = TouchTable("account_touch_monthly", "month");

    public static readonly MaterializedViewSpec AccountTouchDailyView = new(
        "account_touch_daily_tuple_mv", Source: "events", Target: "account_touch_daily", Select: TouchSelect("toDate(timestamp)", "day"));

    public static readonly MaterializedViewSpec AccountTouchMonthlyView = new(
        "account_touch_monthly_tuple_mv", Source: "events", Target: "account_touch_monthly", Bucket: "month", Select: TouchSelect("toStartOfMonth(timestamp)", "month"));

    /// <summary>The engagement scoring models, as JSON, by id (<c>default</c> is the one in use); the latest version wins.</summary>
    public static readonly TableSpec ScoringModels = new(
        "scoring_models",
        [
            "model_id String",
            "definition String",
            "updated_by String",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "model_id");

    /// <summary>
    /// The columns migration 8 added to <see cref="ScoringModels"/>: the model as the activity views price events with it
    /// (rule keys <c>channel/type</c>, points, high-value bonus, URL patterns) and its version, which only grows. A row
    /// saved before has version 0 and no rules; the server saves the model again at start (ScoringModelStore).
    /// </summary>
    public static readonly IReadOnlyList<string> ScoringModelPriceColumns =
    [
        "version UInt64 DEFAULT 0",
        "rule_keys Array(String)",
        "rule_points Array(Float64)",
        "rule_bonus Array(Float64)",
        "high_value_patterns Array(String)",
    ];

    /// <summary>The columns migration 8 added to the activity rollups: declared first, since the activity tables below are made of them.</summary>
    public static readonly IReadOnlyList<string> ActivityPricingColumns =
    [
        "path_counts SimpleAggregateFunction(sumMap, Map(String, UInt64))",
        "points SimpleAggregateFunction(sum, Float64)",
        "model_min SimpleAggregateFunction(min, UInt64)",
        "model_max SimpleAggregateFunction(max, UInt64)",
    ];

    /// <summary>
    /// Activity rollups, per account and day, week (from Monday) or month. Each row holds its events priced at write time
    /// (<c>points</c>) with the scoring model then in use, whose version bounds are <c>model_min</c>/<c>model_max</c>: a
    /// row whose bounds are both the current version is priced right and is read as one number. A row priced under
    /// another model (or merged from rows of two) is priced at query time from what it also keeps: how many events of
    /// each <c>channel/type</c> (<c>counts</c>) and, for web events, of each <c>path?type</c> (<c>path_counts</c>, for the
    /// high-value bonus; a path never holds '?'). A model change re-prices the rows in the background (RollupRepricer).
    /// A window reads whole months, then whole weeks, then days (WindowPoints).
    /// </summary>
    public static readonly TableSpec AccountActivityDaily = ActivityTable("account_activity_daily", "day");

    public static readonly TableSpec AccountActivityWeekly = ActivityTable("account_activity_weekly", "week");

    public static readonly TableSpec AccountActivityMonthly = ActivityTable("account_activity_monthly", "month");

    public static readonly MaterializedViewSpec AccountActivityDailyView = new(
        "account_activity_daily_priced_mv", Source: "events", Target: "account_activity_daily", Select: ActivitySelect("toDate(timestamp)", "day"));

    public static readonly MaterializedViewSpec AccountActivityWeeklyView = new(
        "account_activity_weekly_priced_mv", Source: "events", Target: "account_activity_weekly", Select: ActivitySelect("toMonday(timestamp)", "week"), Bucket: "week");

    public static readonly MaterializedViewSpec AccountActivityMonthlyView = new(
        "account_activity_monthly_priced_mv", Source: "events", Target: "account_activity_monthly", Select: ActivitySelect("toStartOfMonth(timestamp)", "month"), Bucket: "month");

    /// <summary>A touch as the touch rollups keep it: (time, channel, source, campaign).</summary>
    public const string Touch = $"Tuple(at {Time}, channel String, source String, campaign String)";

    private static TableSpec TouchTable(string name, string bucket) => new(
        name,
        ["account_id String", $"{bucket} Date", $"first SimpleAggregateFunction(min, {Touch})", $"last SimpleAggregateFunction(max, {Touch})", $"last_at SimpleAggregateFunction(max, {Time})"],
        "AggregatingMergeTree",
        $"account_id, {bucket}",
        PartitionBy: $"toYYYYMM({bucket})",
        ShardingKey: ByAccount);

    // Events without an account are no touch, nor are delivery reports (EngagementEvents).
    private static string TouchSelect(string bucketOf, string bucket) => $$"""
        SELECT
            account_id,
            {{bucketOf}} AS {{bucket}},
            min(CAST((timestamp, channel, source, campaign) AS {{Touch}})) AS first,
            max(CAST((timestamp, channel, source, campaign) AS {{Touch}})) AS last,
            max(timestamp) AS last_at
        FROM {source}
        WHERE account_id != '' AND {{EngagementEvents.Sql}}
        GROUP BY account_id, {{bucket}}
        """;

    private static TableSpec ActivityTable(string name, string bucket) => SupersededRollups.ActivityTable(name, bucket) with
    {
        Columns = [.. SupersededRollups.ActivityTable(name, bucket).Columns, .. ActivityPricingColumns],
    };

    // TRICKY: the model is joined to each inserted block (a scalar subquery would be a query inside the insert, which
    // the embedded engine's streamed inserts cancel); with no stored model it is version 0 with no rules, which prices
    // nothing and is never current, so such rows are priced at query time until re-priced.
    private static string ActivitySelect(string bucketOf, string bucket) => $$"""
        SELECT
            account_id,
            {{bucketOf}} AS {{bucket}},
            sumMap(map(concat(channel, '/', type), toUInt64(1))) AS counts,
            sumMapIf(map(concat(path(url), '?', type), toUInt64(1)), channel = 'web' AND path(url) != '') AS path_counts,
            sum({{ScoringFormula.Points(ScoringFormula.Stored, "1", ScoringFormula.RuleOfEvent, "if(channel = 'web', path(url), '')")}}) AS points,
            min(model.model_version) AS model_min,
            max(model.model_version) AS model_max
        FROM {source} AS event
        CROSS JOIN {{CurrentPrices}} AS model
        WHERE account_id != '' AND {{EngagementEvents.Sql}}
        GROUP BY account_id, {{bucket}}
        """;

    /// <summary>
    /// The scoring model in use as SQL reads it at write time, one row: its version, rule keys <c>channel/type</c>, their
    /// points, the high-value bonus of each, the high-value URL patterns (the price columns of <see cref="ScoringModels"/>).
    /// </summary>
    private const string CurrentPrices = """
        (SELECT
             max(version) AS model_version,
             argMax(rule_keys, version) AS keys, argMax(rule_points, version) AS prices,
             argMax(rule_bonus, version) AS bonuses, argMax(high_value_patterns, version) AS patterns
         FROM (
             SELECT version, rule_keys, rule_points, rule_bonus, high_value_patterns FROM {db}.scoring_models FINAL WHERE model_id = 'default'
             UNION ALL
             SELECT toUInt64(0), CAST([], 'Array(String)'), CAST([], 'Array(Float64)'), CAST([], 'Array(Float64)'), CAST([], 'Array(String)')
         ))
        """;
}
