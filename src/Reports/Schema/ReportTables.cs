using Analytics.Storage.Schema;

namespace Analytics.Reports.Schema;

/// <summary>The report runs, the claims that make each run happen once, and the files they made (docs/report-runs.md).</summary>
public static class ReportTables
{
    private const string Time = "DateTime64(3, 'UTC')";

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
}
