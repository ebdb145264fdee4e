namespace Analytics.Storage.Schema;

/// <summary>
/// The tables of the data model (DESIGN.md). Times are <c>DateTime64(3, 'UTC')</c>. Records that a later import may
/// replace are <c>ReplacingMergeTree</c> keyed by their id with <c>updated_at</c> as the version, so re-importing a file
/// changes nothing. An attribute that may be missing is Nullable, because a missing value groups as null.
/// </summary>
public static class DataModel
{
    private const string Time = "DateTime64(3, 'UTC')";
    private const string ByAccount = "cityHash64(account_id)";

    /// <summary>Every materialized view of the data model; each target's rows are rebuilt by the months of its bucket column.</summary>
    public static IReadOnlyList<MaterializedViewSpec> Views =>
        typeof(DataModel).GetFields().Where(f => f.FieldType == typeof(MaterializedViewSpec)).Select(f => (MaterializedViewSpec)f.GetValue(null)!).ToList();

    /// <summary>Every table of the data model, in declaration order.</summary>
    public static IReadOnlyList<TableSpec> Tables =>
        typeof(DataModel).GetFields().Where(f => f.FieldType == typeof(TableSpec)).Select(f => (TableSpec)f.GetValue(null)!).ToList();

    public static readonly TableSpec Accounts = new(
        "accounts",
        [
            "account_id String",
            "name Nullable(String)",
            "domain Nullable(String)",
            "industry LowCardinality(Nullable(String))",
            "employees Nullable(UInt32)",
            "annual_revenue Nullable(Decimal(18, 2))",
            "country LowCardinality(Nullable(String))",
            "tier LowCardinality(Nullable(String))",
            "owner LowCardinality(Nullable(String))",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "account_id",
        ShardingKey: ByAccount);

    public static readonly TableSpec TargetListMembers = new(
        "target_list_members",
        [
            "list String",
            "account_id String",
            $"added_at {Time}",
            $"removed_at Nullable({Time})",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "list, account_id",
        ShardingKey: ByAccount);

    public static readonly TableSpec Contacts = new(
        "contacts",
        [
            "contact_id String",
            "email Nullable(String)",
            "account_id String",
            "name Nullable(String)",
            "title Nullable(String)",
            $"first_seen Nullable({Time})",
            $"last_seen Nullable({Time})",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "contact_id");

    /// <summary>
    /// Raw engagement events, kept for drill-down and re-scoring. <c>account_id</c> is empty while an event's account is
    /// unknown. The ingestion writer stores an event id once (it looks ids up in <see cref="EventIds"/> first); a
    /// duplicate that slipped past would still collapse into one row on merge. The bloom-filter index serves drill-down
    /// by event id.
    /// </summary>
    public static readonly TableSpec Events = new(
        "events",
        [
            "event_id String",
            $"timestamp {Time}",
            $"received_at {Time}",
            "channel LowCardinality(String)",
            "type LowCardinality(String)",
            "account_id String",
            "contact_id String",
            "anonymous_id String",
            "campaign LowCardinality(String)",
            "source LowCardinality(String)",
            "url String",
            "properties String",
        ],
        "ReplacingMergeTree(received_at)",
        "account_id, timestamp, event_id",
        PartitionBy: "toYYYYMM(timestamp)",
        ShardingKey: ByAccount,
        Indexes: ["INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 1"]);

    /// <summary>
    /// The engagement rollup: per account, day, channel, type, campaign, source and (for web) URL path, the number of
    /// events and the distinct contacts. Points are not stored: the scoring model is configurable and applies to past
    /// events too, so metrics price these counts with the model at query time; the URL path keeps high-value page
    /// patterns re-applicable without scanning raw events. Events of unknown accounts are left out; when identity
    /// resolution later finds their account, the writer re-inserts them under it, and they are counted then.
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
        Select: """
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
            WHERE account_id != ''
            GROUP BY account_id, day, channel, type, campaign, source, url_path
            """);

    public static readonly TableSpec Opportunities = new(
        "opportunities",
        [
            "opportunity_id String",
            "account_id String",
            $"created_at {Time}",
            $"closed_at Nullable({Time})",
            "status LowCardinality(String)",
            "stage LowCardinality(Nullable(String))",
            "amount Nullable(Decimal(18, 2))",
            "type LowCardinality(Nullable(String))",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "opportunity_id");

    public static readonly TableSpec SurveyResponses = new(
        "survey_responses",
        [
            "response_id String",
            "survey LowCardinality(String)",
            $"responded_at {Time}",
            "score UInt8",
            "comment String",
            "account_id String",
            "contact_id String",
            "segment LowCardinality(Nullable(String))",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "survey, response_id");

    /// <summary>Daily ad statistics per campaign and account, from ad platforms (CSV kind <c>ad-performance</c>).</summary>
    public static readonly TableSpec AdPerformance = new(
        "ad_performance",
        [
            "date Date",
            "campaign String",
            "platform LowCardinality(String)",
            "account_id String",
            "account_domain String",
            "impressions UInt64",
            "clicks UInt64",
            "spend Decimal(18, 2)",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "date, campaign, platform, account_id, account_domain");

    /// <summary>Every rejected record: where it came from, where in its request, why, and its raw payload.</summary>
    public static readonly TableSpec DeadLetters = new(
        "dead_letters",
        [
            "id UUID DEFAULT generateUUIDv4()",
            $"received_at {Time}",
            "source LowCardinality(String)",
            "location String",
            "reason String",
            "payload String",
        ],
        "MergeTree",
        "source, received_at");

    public static readonly TableSpec ReportRuns = new(
        "report_runs",
        [
            "run_id String",
            "report LowCardinality(String)",
            "period_start Date",
            "period_end Date",
            $"scheduled_for {Time}",
            $"started_at Nullable({Time})",
            $"finished_at Nullable({Time})",
            "status LowCardinality(String)",
            "recipients Array(String)",
            "file Nullable(String)",
            "error Nullable(String)",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "report, period_start, run_id");

    /// <summary>
    /// Columns added to <see cref="ReportRuns"/> by migration 7: a note for people (for example "written to the outbox"),
    /// the delivery attempts made so far, and the server node that ran it.
    /// </summary>
    public static readonly IReadOnlyList<string> ReportRunsDeliveryColumns =
    [
        "note Nullable(String)",
        "attempts UInt32 DEFAULT 0",
        "node String DEFAULT ''",
    ];

    /// <summary>
    /// Claims on a report and period: append-only, never merged away. The claim of a round with the smallest
    /// <c>_block_number</c> (the engine's insert order, kept through merges by <c>enable_block_number_column</c>) wins and
    /// becomes the run; docs/report-runs.md describes the protocol and what it guarantees.
    /// </summary>
    public static readonly TableSpec ReportClaims = new(
        "report_claims",
        [
            "claim_id String",
            "report LowCardinality(String)",
            "period_start Date",
            "period_end Date",
            "round UInt32",
            $"claimed_at {Time}",
            "node String",
        ],
        "MergeTree",
        "report, period_start, round",
        ShardingKey: "cityHash64(report, period_start)",
        Settings: "enable_block_number_column = 1");

    /// <summary>The file of a report run (the PDF), base64-encoded, so whichever server answers can serve the download.</summary>
    public static readonly TableSpec ReportFiles = new(
        "report_files",
        [
            "run_id String",
            "file_name String",
            "content_type LowCardinality(String)",
            "content_base64 String",
            "sha256 String",
            $"created_at {Time}",
        ],
        "ReplacingMergeTree(created_at)",
        "run_id");

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

    private const string Touch = $"Tuple(at {Time}, channel String, source String, campaign String)";

    private static TableSpec TouchTable(string name, string bucket) => new(
        name,
        ["account_id String", $"{bucket} Date", $"first SimpleAggregateFunction(min, {Touch})", $"last SimpleAggregateFunction(max, {Touch})", $"last_at SimpleAggregateFunction(max, {Time})"],
        "AggregatingMergeTree",
        $"account_id, {bucket}",
        PartitionBy: $"toYYYYMM({bucket})",
        ShardingKey: ByAccount);

    // Events without an account are no touch.
    private static string TouchSelect(string bucketOf, string bucket) => $$"""
        SELECT
            account_id,
            {{bucketOf}} AS {{bucket}},
            min(CAST((timestamp, channel, source, campaign) AS {{Touch}})) AS first,
            max(CAST((timestamp, channel, source, campaign) AS {{Touch}})) AS last,
            max(timestamp) AS last_at
        FROM {source}
        WHERE account_id != ''
        GROUP BY account_id, {{bucket}}
        """;

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

    /// <summary>
    /// Identity resolution: every alias (a Segment userId or anonymousId) of a person, with what is known of the person:
    /// its email and its account. An alias's latest row wins.
    /// </summary>
    public static readonly TableSpec Identities = new(
        "identities",
        [
            "alias String",
            "person_id String",
            "email Nullable(String)",
            "account_id Nullable(String)",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "alias");

    /// <summary>
    /// Every stored event id, fed by a materialized view of <see cref="Events"/>, so the ingestion writer finds an id by
    /// primary key whatever its timestamp (a resent event without a timestamp gets a new one).
    /// </summary>
    public static readonly TableSpec EventIds = new(
        "event_ids",
        ["event_id String", "day Date"],
        "ReplacingMergeTree",
        "event_id");

    public static readonly MaterializedViewSpec EventIdsView = new(
        "event_ids_mv", Source: "events", Target: "event_ids",
        Select: "SELECT event_id, toDate(timestamp) AS day FROM {source}");

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
    /// high-value bonus; a path never holds '?'). A model change re-prices the rows in the background (RollupRepricer in
    /// Metrics). A window reads whole months, then whole weeks, then days (see WindowPoints in Metrics).
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

    private static TableSpec ActivityTable(string name, string bucket) => SupersededModel.ActivityTable(name, bucket) with
    {
        Columns = [.. SupersededModel.ActivityTable(name, bucket).Columns, .. ActivityPricingColumns],
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
            sum(arrayElement(model.prices, indexOf(model.keys, concat(channel, '/', type)))
                + if(channel = 'web' AND arrayExists(p -> positionCaseInsensitive(path(url), p) > 0, model.patterns),
                    arrayElement(model.bonuses, indexOf(model.keys, concat(channel, '/', type))), 0.)) AS points,
            min(model.model_version) AS model_min,
            max(model.model_version) AS model_max
        FROM {source} AS event
        CROSS JOIN {{CurrentPrices}} AS model
        WHERE account_id != ''
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

    /// <summary>Every erasure an admin asked for: whom, what was removed, when.</summary>
    public static readonly TableSpec DeletionRequests = new(
        "deletion_requests",
        [
            "request_id String",
            $"requested_at {Time}",
            "requested_by String",
            "subject_kind LowCardinality(String)",
            "subject String",
            "removed Map(String, UInt64)",
        ],
        "MergeTree",
        "requested_at, request_id");
}
