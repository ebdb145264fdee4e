namespace Analytics.Reports.Runs;

/// <summary>The states of a run, as <c>reportRuns</c> spells them.</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>
/// One run of a report for one period: its latest state in <c>report_runs</c>. <see cref="Id"/> is the winning claim's id.
/// <see cref="File"/> names the stored PDF; <see cref="Note"/> says where the report went (for example the outbox).
/// </summary>
public sealed record ReportRun(
    string Id,
    string Report,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTime ScheduledFor,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string Status,
    IReadOnlyList<string> Recipients,
    string? File,
    string? Error,
    string? Note,
    int Attempts,
    string Node,
    DateTime UpdatedAt)
{
    /// <summary>Whether nothing more will happen to the run without someone asking: delivered, or failed for good (no retry due).</summary>
    public bool IsFinal => Status == RunStatus.Delivered || (Status == RunStatus.Failed && FinishedAt is not null);
}

/// <summary>What a claim found: whether this caller won the run, and the run (its own, or the one that holds the period).</summary>
public sealed record ClaimOutcome(bool Won, ReportRun Run);

/// <summary>A stored report file.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content);
