using Analytics.Storage.Schema;

namespace Analytics.Metrics.Schema;

/// <summary>
/// Tables and views as an earlier migration created them that a later one changed or dropped. Migrations replay them
/// exactly, so a new database goes through the same steps as an old one; nothing else reads them, and
/// the module's lists (what the rollup repair rebuilds) leave them out.
/// </summary>
public static class SupersededRollups
{
    private const string ByAccount = "cityHash64(account_id)";
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>An activity rollup as migration 6 made it: per account and bucket, events per <c>channel/type</c>; migration 8 adds the priced points.</summary>
    public static TableSpec ActivityTable(string name, string bucket) => new(
        name,
        ["account_id String", $"{bucket} Date", "counts SimpleAggregateFunction(sumMap, Map(String, UInt64))"],
        "AggregatingMergeTree",
        $"account_id, {bucket}",
        PartitionBy: $"toYYYYMM({bucket})",
        ShardingKey: ByAccount);

    /// <summary>The activity views of migration 6, replaced by migration 8's priced ones.</summary>
    public static readonly MaterializedViewSpec AccountActivityDailyView = new(
        "account_activity_daily_mv", Source: "events", Target: "account_activity_daily", Select: ActivitySelect("toDate(timestamp)", "day"));

    public static readonly MaterializedViewSpec AccountActivityWeeklyView = new(
        "account_activity_weekly_mv", Source: "events", Target: "account_activity_weekly", Select: ActivitySelect("toMonday(timestamp)", "week"), Bucket: "week");

    public static readonly MaterializedViewSpec AccountActivityMonthlyView = new(
        "account_activity_monthly_mv", Source: "events", Target: "account_activity_monthly", Select: ActivitySelect("toStartOfMonth(timestamp)", "month"), Bucket: "month");

    /// <summary>
    /// Migration 6's path rollups (web events per URL path, rule, bucket and account) and the list of URL paths; the
    /// high-value bonus was priced from them at query time. Migration 8 drops them: the activity rows keep their paths.
    /// </summary>
    public static readonly TableSpec AccountPathDaily = PathTable("account_path_daily", "day");

    public static readonly TableSpec AccountPathWeekly = PathTable("account_path_weekly", "week");

    public static readonly TableSpec AccountPathMonthly = PathTable("account_path_monthly", "month");

    public static readonly MaterializedViewSpec AccountPathDailyView = new(
        "account_path_daily_mv", Source: "events", Target: "account_path_daily", Select: PathSelect("toDate(timestamp)", "day"));

    public static readonly MaterializedViewSpec AccountPathWeeklyView = new(
        "account_path_weekly_mv", Source: "events", Target: "account_path_weekly", Select: PathSelect("toMonday(timestamp)", "week"), Bucket: "week");

    public static readonly MaterializedViewSpec AccountPathMonthlyView = new(
        "account_path_monthly_mv", Source: "events", Target: "account_path_monthly", Select: PathSelect("toStartOfMonth(timestamp)", "month"), Bucket: "month");

    public static readonly TableSpec UrlPaths = new("url_paths", ["url_path String"], "ReplacingMergeTree", "url_path");

    public static readonly MaterializedViewSpec UrlPathsView = new(
        "url_paths_mv", Source: "events", Target: "url_paths", Bucket: null,
        Select: "SELECT DISTINCT path(url) AS url_path FROM {source} WHERE channel = 'web' AND account_id != '' AND url_path != ''");

    /// <summary>Migration 4's touch rollup (first and last touch as argMin/argMax states), replaced by migration 9's plain tuples.</summary>
    public static readonly TableSpec AccountTouchDaily = new(
        "account_touch_daily",
        [
            "account_id String",
            "day Date",
            $"first_touch AggregateFunction(argMin, Tuple(String, String, String), {Time})",
            $"last_touch AggregateFunction(argMax, Tuple(String, String, String), {Time})",
            $"last_at SimpleAggregateFunction(max, {Time})",
        ],
        "AggregatingMergeTree",
        "account_id, day",
        PartitionBy: "toYYYYMM(day)",
        ShardingKey: ByAccount);

    public const string AccountTouchDailySelect = """
        SELECT
            account_id,
            toDate(timestamp) AS day,
            argMinState((CAST(channel, 'String'), CAST(source, 'String'), CAST(campaign, 'String')), timestamp) AS first_touch,
            argMaxState((CAST(channel, 'String'), CAST(source, 'String'), CAST(campaign, 'String')), timestamp) AS last_touch,
            max(timestamp) AS last_at
        FROM {source}
        WHERE account_id != ''
        GROUP BY account_id, day
        """;

    public static readonly MaterializedViewSpec AccountTouchDailyView = new(
        "account_touch_daily_mv", Source: "events", Target: "account_touch_daily", Select: AccountTouchDailySelect);

    /// <summary>Migration 6's monthly touch rollup, of the same shape as <see cref="AccountTouchDaily"/>; replaced by migration 9.</summary>
    public static readonly TableSpec AccountTouchMonthly = AccountTouchDaily with
    {
        Name = "account_touch_monthly",
        Columns = ["account_id String", "month Date", .. AccountTouchDaily.Columns.Skip(2)],
        OrderBy = "account_id, month",
        PartitionBy = "toYYYYMM(month)",
    };

    public static readonly MaterializedViewSpec AccountTouchMonthlyView = new(
        "account_touch_monthly_mv", Source: "events", Target: "account_touch_monthly", Bucket: "month",
        Select: AccountTouchDailySelect.Replace("toDate(timestamp) AS day", "toStartOfMonth(timestamp) AS month", StringComparison.Ordinal)
            .Replace("GROUP BY account_id, day", "GROUP BY account_id, month", StringComparison.Ordinal));

    private static string ActivitySelect(string bucketOf, string bucket) => $$"""
        SELECT account_id, {{bucketOf}} AS {{bucket}}, sumMap(map(concat(channel, '/', type), toUInt64(1))) AS counts
        FROM {source}
        WHERE account_id != ''
        GROUP BY account_id, {{bucket}}
        """;

    private static TableSpec PathTable(string name, string bucket) => new(
        name,
        ["url_path String", "rule LowCardinality(String)", $"{bucket} Date", "account_id String", "events SimpleAggregateFunction(sum, UInt64)"],
        "AggregatingMergeTree",
        $"url_path, rule, {bucket}, account_id",
        PartitionBy: $"toYYYYMM({bucket})",
        ShardingKey: ByAccount);

    private static string PathSelect(string bucketOf, string bucket) => $$"""
        SELECT path(url) AS url_path, concat(channel, '/', type) AS rule, {{bucketOf}} AS {{bucket}}, account_id, toUInt64(count()) AS events
        FROM {source}
        WHERE channel = 'web' AND account_id != '' AND url_path != ''
        GROUP BY url_path, rule, {{bucket}}, account_id
        """;
}
