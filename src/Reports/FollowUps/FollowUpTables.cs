using Analytics.Storage.Schema;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// The closed loop's tables (docs/customer-voice.md). A follow-up's opening and its status changes live apart, so nothing
/// that re-opens a follow-up (a resend, a replay after a crash, a second server) can overwrite what sales did with it:
/// <see cref="FollowUps"/> holds what the answer said, keyed by a follow-up id derived from the response, and
/// <see cref="FollowUpChanges"/> is an append-only history whose latest entry is the status.
/// </summary>
public static class FollowUpTables
{
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>
    /// One row per detractor answer. The id is derived from the survey and response id, so opening the same answer twice
    /// writes the same key and the rows collapse (read with FINAL); they differ at most in <c>opened_at</c>.
    /// </summary>
    public static readonly TableSpec FollowUps = new(
        "follow_ups",
        [
            "follow_up_id String",
            "survey LowCardinality(String)",
            "response_id String",
            $"responded_at {Time}",
            "score UInt8",
            "comment String",
            "account_id String",
            $"opened_at {Time}",
        ],
        "ReplacingMergeTree",
        "follow_up_id");

    /// <summary>Every status change: who moved which follow-up to what, when, with what note (empty: none). Never updated or merged away.</summary>
    public static readonly TableSpec FollowUpChanges = new(
        "follow_up_changes",
        [
            "change_id String",
            "follow_up_id String",
            "status LowCardinality(String)",
            "note String",
            $"changed_at {Time}",
            "changed_by String",
        ],
        "MergeTree",
        "follow_up_id, changed_at");

    /// <summary>The prompt to the owner of each follow-up: recorded after it was handed to delivery, so it is sent at least once.</summary>
    public static readonly TableSpec FollowUpNotices = new(
        "follow_up_notices",
        [
            "follow_up_id String",
            $"noticed_at {Time}",
            "recipients Array(String)",
            "receipt String",
        ],
        "ReplacingMergeTree(noticed_at)",
        "follow_up_id");

    /// <summary>A follow-up copies the answer's comment, and its changes hold what sales noted: both go with the answer, changes first.</summary>
    public static readonly IReadOnlyList<PersonalDataTable> PersonalData =
    [
        new(FollowUpChanges.Name, "follow_up_id", FollowUpsOfContact, FollowUpsOfAccount),
        new(FollowUps.Name, "follow_up_id", FollowUpsOfContact, FollowUpsOfAccount),
    ];

    private static string FollowUpsOfContact => $"""
        SELECT follow_up_id FROM {FollowUps.Name}
        WHERE (survey, response_id) IN (SELECT survey, response_id FROM survey_responses WHERE contact_id = {"{value:String}"})
        """;

    private static string FollowUpsOfAccount => $"SELECT follow_up_id FROM {FollowUps.Name} WHERE account_id = {{value:String}}";
}
