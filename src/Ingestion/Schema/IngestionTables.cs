using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Schema;

/// <summary>
/// The tables ingestion writes: the records of the data model (docs/data-model.md), the identity graph, the event id
/// index, dead letters and erasures. Times are <c>DateTime64(3, 'UTC')</c>. Records that a later import may replace are
/// <c>ReplacingMergeTree</c> keyed by their id with <c>updated_at</c> as the version, so re-importing a file changes
/// nothing. An attribute that may be missing is Nullable, because a missing value groups as null.
/// </summary>
public static class IngestionTables
{
    private const string Time = "DateTime64(3, 'UTC')";
    private const string ByAccount = "cityHash64(account_id)";

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

    /// <summary>
    /// The columns migration 21 added to <see cref="Accounts"/>: <c>origin</c>, <c>crm</c> for an account the CRM
    /// imported (every row before) or <c>segment</c> for one only Segment group calls made; and
    /// <c>group_attributes</c>, the attributes whose value came from a group call's traits rather than the CRM, which a
    /// CRM import replaces and a later group call may change (docs/design.md, "Segment groups").
    /// </summary>
    public static readonly IReadOnlyList<string> AccountOriginColumns =
    [
        "origin LowCardinality(String) DEFAULT 'crm'",
        "group_attributes Array(String)",
    ];

    /// <summary>
    /// Every Segment group id a <c>group</c> call named, with the account its users and events count for: a CRM
    /// account's id (the group id itself when it is one, else the one whose domain matched the group's), or the group id
    /// itself when nothing matched yet. Beside it what linking reads: the group's traits (name, domain from
    /// <c>domain</c> or <c>website</c>, industry, employees) and the company domains of its members' emails. The
    /// latest row of a group wins.
    /// </summary>
    public static readonly TableSpec GroupAccounts = new(
        "group_accounts",
        [
            "group_id String",
            "account_id String",
            "name Nullable(String)",
            "domain Nullable(String)",
            "industry LowCardinality(Nullable(String))",
            "employees Nullable(UInt32)",
            "member_domains Array(String)",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "group_id");

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

    /// <summary>
    /// Third-party intent (CSV kind <c>intent</c>): an account's score (0–100) for a topic in a week, the week being its
    /// Monday. Topics are stored as given (trimmed) and matched case-insensitively. A later import of the same account,
    /// topic and week replaces the score.
    /// </summary>
    public static readonly TableSpec AccountIntent = new(
        "account_intent",
        [
            "account_id String",
            "topic String",
            "score UInt8",
            "week Date",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "account_id, topic, week",
        ShardingKey: ByAccount);
}
