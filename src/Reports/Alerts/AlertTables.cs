using Analytics.Storage.Schema;

namespace Analytics.Reports.Alerts;

/// <summary>
/// The alert rules, the outbox every detected alert is written to before any send, and the history of delivery
/// attempts. An alert's key is derived from what happened (rule, account, event, day), so detecting it again after a
/// crash writes nothing new and the outbox row, still PENDING, is delivered by the restarted server with the same key.
/// </summary>
public static class AlertTables
{
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>One row per rule version (the latest <c>updated_at</c> wins); a deleted rule keeps a row with <c>deleted</c> set.</summary>
    public static readonly TableSpec Rules = new(
        "alert_rules",
        [
            "rule_id String",
            "name String",
            "kind LowCardinality(String)",
            "parameters String",
            "channel LowCardinality(String)",
            "target String",
            "secret String",
            "enabled Bool",
            "deleted Bool",
            $"created_at {Time}",
            "updated_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(updated_at)",
        "rule_id");

    /// <summary>
    /// One row per alert and state (the latest <c>updated_at</c> wins): PENDING until an attempt succeeds (DELIVERED)
    /// or the attempts run out (FAILED). <c>details</c> is the JSON of what happened, as the webhook payload carries it.
    /// </summary>
    public static readonly TableSpec Outbox = new(
        "alert_outbox",
        [
            "alert_key String",
            "rule_id String",
            "kind LowCardinality(String)",
            "account_id String",
            "account_name String",
            $"occurred_at {Time}",
            "summary String",
            "details String",
            $"detected_at {Time}",
            "status LowCardinality(String)",
            "attempts UInt32",
            "last_error Nullable(String)",
            $"next_attempt_at {Time}",
            $"delivered_at Nullable({Time})",
            "updated_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(updated_at)",
        "alert_key");

    /// <summary>Every delivery attempt: when, the HTTP status (null for email or no answer), the error (null on success).</summary>
    public static readonly TableSpec Attempts = new(
        "alert_attempts",
        [
            "alert_key String",
            "attempt UInt32",
            $"at {Time}",
            "channel LowCardinality(String)",
            "status_code Nullable(Int32)",
            "error Nullable(String)",
            "duration_ms UInt32",
        ],
        "MergeTree",
        "alert_key, attempt");

    /// <summary>
    /// An alert copies an account's name, and a follow-up's alert what a contact's answer scored: erased with the
    /// account, or with the contact whose answer opened the follow-up (before the follow-ups it is found through).
    /// </summary>
    public static readonly IReadOnlyList<PersonalDataTable> PersonalData =
    [
        new(Attempts.Name, "alert_key", AlertsOfContact, AlertsOfAccount),
        new(Outbox.Name, "alert_key", AlertsOfContact, AlertsOfAccount),
    ];

    private static string AlertsOfContact => $"""
        SELECT alert_key FROM {Outbox.Name}
        WHERE kind = 'FOLLOW_UP_OPENED' AND JSONExtractString(details, 'followUpId') IN (
            SELECT follow_up_id FROM follow_ups
            WHERE (survey, response_id) IN (SELECT survey, response_id FROM survey_responses WHERE contact_id = {"{value:String}"}))
        """;

    private static string AlertsOfAccount => $"SELECT alert_key FROM {Outbox.Name} WHERE account_id = {{value:String}}";
}
