using System.Security.Cryptography;
using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.Runs;

/// <summary>
/// The run history in <c>report_runs</c>, the claims in <c>report_claims</c> that make it a lock, and the files in
/// <c>report_files</c>. docs/report-runs.md describes the claim protocol.
/// </summary>
public sealed class ReportRunStore(IClickHouseGateway gateway, TimeProvider clock)
{
    private const string RunColumns = """
        run_id, report, period_start, period_end, scheduled_for, started_at, finished_at, status, recipients, file, error,
        note, attempts, node, updated_at
        """;

    private static readonly string[] RunInsertColumns =
        ["run_id", "report", "period_start", "period_end", "scheduled_for", "started_at", "finished_at", "status", "recipients", "file", "error", "note", "attempts", "node", "updated_at"];

    /// <summary>Runs, newest first (by when they started, else when they were due), optionally of one report.</summary>
    public Task<List<ReportRun>> ListAsync(string? report, int first, CancellationToken cancellationToken) =>
        gateway.ListAsync($"""
            SELECT {RunColumns} FROM report_runs FINAL
            WHERE NOT {"{has_report:Bool}"} OR report = {"{report:String}"}
            ORDER BY ifNull(started_at, scheduled_for) DESC, updated_at DESC, run_id
            LIMIT {"{first:UInt32}"}
            """,
            new QueryParameters().Add("has_report", report is not null).Add("report", report ?? string.Empty).Add("first", (uint)first),
            ToRun, cancellationToken);

    public async Task<ReportRun?> GetAsync(string runId, CancellationToken cancellationToken) =>
        (await gateway.ListAsync($"SELECT {RunColumns} FROM report_runs FINAL WHERE run_id = {{id:String}} LIMIT 1",
            new QueryParameters().Add("id", runId), ToRun, cancellationToken)).FirstOrDefault();

    /// <summary>The latest run of a report and period, if any.</summary>
    public async Task<ReportRun?> CurrentAsync(string report, DateOnly periodStart, CancellationToken cancellationToken) =>
        (await gateway.ListAsync($"""
            SELECT {RunColumns} FROM report_runs FINAL
            WHERE report = {"{report:String}"} AND period_start = {"{start:Date}"}
            ORDER BY updated_at DESC LIMIT 1
            """, new QueryParameters().Add("report", report).Add("start", periodStart), ToRun, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Claims a report and period for this caller. Returns Won with a queued run when the caller holds the period now;
    /// otherwise the run that holds it (delivered, in progress, or failed and not to be retaken). With
    /// <c>retakeFailed</c>, a run that failed for good may be made again (an admin's runReport), in a new round.
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(
        string report, ReportPeriod period, DateTime scheduledFor, IReadOnlyList<string> recipients, string node,
        bool retakeFailed, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await CurrentAsync(report, period.Start, cancellationToken);
        var claims = await ClaimsAsync(report, period.Start, cancellationToken);
        var lastRound = claims.Count == 0 ? 0u : claims.Max(c => c.Round);
        uint round;
        if (current is not null)
        {
            var currentRound = claims.FirstOrDefault(c => c.Id == current.Id)?.Round ?? lastRound;
            var stale = !current.IsFinal && current.UpdatedAt < now - claimTimeout;
            var retake = stale || (current.IsFinal && current.Status == RunStatus.Failed && retakeFailed);
            if (!retake)
            {
                return new ClaimOutcome(false, current);
            }

            round = Math.Max(currentRound + 1, lastRound);
        }
        else
        {
            // A winner that never wrote its run (it stopped in between) keeps the round only until the claim times out.
            var winner = claims.Where(c => c.Round == lastRound).MinBy(c => c.Block);
            round = winner is not null && winner.ClaimedAt < now - claimTimeout ? lastRound + 1 : lastRound;
        }

        var claimId = Guid.NewGuid().ToString("N");
        await gateway.InsertAsync("report_claims", ["claim_id", "report", "period_start", "period_end", "round", "claimed_at", "node"],
            [[claimId, report, period.Start, period.End, round, now, node]], cancellationToken);

        // TRICKY: the earliest claim of the round in the engine's insert order wins. A claim inserted after the winner
        // read its own win has a later block number, so it can never overtake it (docs/report-runs.md).
        var first = (await ClaimsAsync(report, period.Start, cancellationToken)).Where(c => c.Round == round).MinBy(c => c.Block)
            ?? throw new InvalidOperationException($"The claim {claimId} on {report} {period.Start:yyyy-MM-dd} is not readable back.");
        if (first.Id != claimId)
        {
            var held = await GetAsync(first.Id, cancellationToken)
                ?? NewRun(first.Id, report, period, scheduledFor, recipients, first.Node, first.ClaimedAt);
            return new ClaimOutcome(false, held);
        }

        var run = NewRun(claimId, report, period, scheduledFor, recipients, node, now);
        await SaveAsync(run, cancellationToken);
        return new ClaimOutcome(true, run);
    }

    /// <summary>Writes the run's new state (the latest <c>updated_at</c> wins).</summary>
    public async Task<ReportRun> SaveAsync(ReportRun run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = run with { UpdatedAt = now > run.UpdatedAt ? now : run.UpdatedAt.AddMilliseconds(1) };
        await gateway.InsertAsync("report_runs", RunInsertColumns,
        [[
            saved.Id, saved.Report, saved.PeriodStart, saved.PeriodEnd, saved.ScheduledFor, saved.StartedAt, saved.FinishedAt,
            saved.Status, saved.Recipients.ToArray(), saved.File, saved.Error, saved.Note, (uint)saved.Attempts, saved.Node, saved.UpdatedAt,
        ]], cancellationToken);
        return saved;
    }

    public async Task SaveFileAsync(string runId, ReportFile file, CancellationToken cancellationToken) =>
        await gateway.InsertAsync("report_files", ["run_id", "file_name", "content_type", "content_base64", "sha256", "created_at"],
            [[runId, file.FileName, file.ContentType, Convert.ToBase64String(file.Content), Convert.ToHexStringLower(SHA256.HashData(file.Content)),
              clock.GetUtcNow().UtcDateTime]], cancellationToken);

    public async Task<ReportFile?> ReadFileAsync(string runId, CancellationToken cancellationToken) =>
        (await gateway.ListAsync("""
            SELECT file_name, content_type, content_base64 FROM report_files FINAL WHERE run_id = {id:String} LIMIT 1
            """, new QueryParameters().Add("id", runId),
            r => new ReportFile(r.Get<string>("file_name"), r.Get<string>("content_type"), Convert.FromBase64String(r.Get<string>("content_base64"))),
            cancellationToken)).FirstOrDefault();

    private sealed record Claim(string Id, uint Round, ulong Block, DateTime ClaimedAt, string Node);

    private Task<List<Claim>> ClaimsAsync(string report, DateOnly periodStart, CancellationToken cancellationToken) =>
        gateway.ListAsync("""
            SELECT claim_id, round, _block_number AS block, claimed_at, node FROM report_claims
            WHERE report = {report:String} AND period_start = {start:Date}
            ORDER BY round, block, claim_id
            """, new QueryParameters().Add("report", report).Add("start", periodStart),
            r => new Claim(r.Get<string>("claim_id"), r.Get<uint>("round"), r.Get<ulong>("block"), r.Get<DateTime>("claimed_at"), r.Get<string>("node")),
            cancellationToken);

    private static ReportRun NewRun(
        string id, string report, ReportPeriod period, DateTime scheduledFor, IReadOnlyList<string> recipients, string node, DateTime at) =>
        new(id, report, period.Start, period.End, scheduledFor, null, null, RunStatus.Queued, recipients, null, null, null, 0, node, at);

    private static ReportRun ToRun(ClickHouseRow r) => new(
        r.Get<string>("run_id"), r.Get<string>("report"), r.Get<DateOnly>("period_start"), r.Get<DateOnly>("period_end"),
        r.Get<DateTime>("scheduled_for"), r.Get<DateTime?>("started_at"), r.Get<DateTime?>("finished_at"), r.Get<string>("status"),
        r.Get<string[]>("recipients"), r.Get<string?>("file"), r.Get<string?>("error"), r.Get<string?>("note"),
        (int)r.Get<uint>("attempts"), r.Get<string>("node"), r.Get<DateTime>("updated_at"));
}
