using System.Globalization;
using Analytics.Reports.Alerts;
using Analytics.Reports.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Runs;

/// <summary>What to run: a report, the end of its period, when it was due, and whether a run that failed for good may be made again.</summary>
public sealed record ReportRequest(string Report, DateOnly PeriodEnd, DateTime ScheduledFor, bool RetakeFailed = false);

/// <summary>
/// Makes one run: claims the report and period in the run history (only the winning server goes on), renders the PDF
/// once and stores it, then delivers it, retrying a failed delivery with exponential backoff. Every state change is
/// written to <c>report_runs</c>.
/// </summary>
public sealed class ReportRunner(
    ReportCatalog catalog, ReportRunStore store, IReportDelivery delivery, SurgeDigest surge,
    IOptions<ReportOptions> options, TimeProvider clock, ILogger<ReportRunner> logger)
{
    /// <summary>This server's name in the run history: host, process and an instance id (two hosts may share a process in tests).</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// Runs the request to its end (every attempt). <paramref name="afterFirstAttempt"/> hears the run's state once: when
    /// the claim is lost, or after the first attempt (runReport answers then while retries go on).
    /// </summary>
    public async Task<ReportRun> RunAsync(ReportRequest request, Action<ReportRun>? afterFirstAttempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var period = catalog.PeriodOf(request.Report, request.PeriodEnd);
        IReadOnlyList<string> recipients = request.Report == SurgeDigest.Report ? [] : catalog.RecipientsOf(request.Report);
        var claim = await store.ClaimAsync(request.Report, period, request.ScheduledFor, recipients, Node,
            request.RetakeFailed, TimeSpan.FromMinutes(settings.ClaimTimeoutMinutes), cancellationToken);
        if (!claim.Won)
        {
            logger.LogInformation("{Report} {PeriodStart:yyyy-MM-dd} is held by run {RunId} ({Status}); not running it here",
                request.Report, period.Start, claim.Run.Id, claim.Run.Status);
            afterFirstAttempt?.Invoke(claim.Run);
            return claim.Run;
        }

        var run = claim.Run with { StartedAt = clock.GetUtcNow().UtcDateTime };
        var work = new Work(period);
        for (var attempt = 1; ; attempt++)
        {
            run = await store.SaveAsync(run with { Status = RunStatus.Running, Attempts = attempt, Error = null, FinishedAt = null }, cancellationToken);
            try
            {
                run = await AttemptAsync(run, work, cancellationToken);
                afterFirstAttempt?.Invoke(run);
                return run;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var final = e is ReportConfigurationException || attempt >= settings.Attempts;
                var wait = TimeSpan.FromSeconds(settings.BackoffSeconds * Math.Pow(2, attempt - 1));
                var now = clock.GetUtcNow().UtcDateTime;
                var note = e is ReportConfigurationException ? "Not retried: the configuration must change first."
                    : final ? $"Failed after {attempt} attempt(s)."
                    : $"Attempt {attempt} of {settings.Attempts} failed; the next is due at {(now + wait).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.";
                logger.LogWarning(e, "{Report} {PeriodStart:yyyy-MM-dd} run {RunId} attempt {Attempt} failed", request.Report, period.Start, run.Id, attempt);
                run = await store.SaveAsync(run with
                {
                    Status = RunStatus.Failed, Error = e.Message, Note = note, FinishedAt = final ? now : null,
                }, cancellationToken);
                afterFirstAttempt?.Invoke(run);
                afterFirstAttempt = null;
                if (final)
                {
                    return run;
                }

                await Task.Delay(wait, clock, cancellationToken);
            }
        }
    }

    /// <summary>What one run keeps between its attempts: the rendered report, and the owners already sent their digest.</summary>
    private sealed class Work(ReportPeriod period)
    {
        public ReportPeriod Period { get; } = period;

        public RenderedReport? Rendered { get; set; }

        public ReportFile? File { get; set; }

        public HashSet<string> Sent { get; } = new(StringComparer.Ordinal);
    }

    private async Task<ReportRun> AttemptAsync(ReportRun run, Work work, CancellationToken cancellationToken)
    {
        if (run.Report == SurgeDigest.Report)
        {
            return await DigestAsync(run, work, cancellationToken);
        }

        var renderer = catalog.RendererOf(run.Report) ?? throw new ReportConfigurationException(
            $"No renderer is registered for report '{run.Report}'; this server can render: {string.Join(", ", catalog.Known.Where(r => catalog.RendererOf(r) is not null).DefaultIfEmpty("none"))}.");
        if (work.Rendered is null)
        {
            var rendered = await renderer.RenderAsync(work.Period, cancellationToken);
            var last = work.Period.End.AddDays(-1);
            var file = new ReportFile($"{run.Report}-{work.Period.Start:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.pdf", "application/pdf", rendered.Pdf);
            await store.SaveFileAsync(run.Id, file, cancellationToken);
            (work.Rendered, work.File) = (rendered, file);
            run = await store.SaveAsync(run with { File = file.FileName }, cancellationToken);
        }

        var message = ReportMessage(run, work.Rendered, work.File!);
        var receipt = await delivery.SendAsync(message, cancellationToken);
        logger.LogInformation("{Report} {PeriodStart:yyyy-MM-dd} run {RunId} delivered: {Note}", run.Report, run.PeriodStart, run.Id, receipt.Note);
        return await store.SaveAsync(run with
        {
            Status = RunStatus.Delivered, FinishedAt = clock.GetUtcNow().UtcDateTime, Note = receipt.Note, Error = null,
        }, cancellationToken);
    }

    private async Task<ReportRun> DigestAsync(ReportRun run, Work work, CancellationToken cancellationToken)
    {
        var found = await surge.FindAsync(work.Period, cancellationToken);
        var messages = surge.Messages(work.Period, found, run.Id);
        var recipients = messages.SelectMany(m => m.To).Distinct().ToArray();
        run = await store.SaveAsync(run with { Recipients = recipients }, cancellationToken);
        var notes = new List<string>();
        foreach (var message in messages.Where(m => !work.Sent.Contains(m.Name)))
        {
            notes.Add((await delivery.SendAsync(message, cancellationToken)).Note);
            work.Sent.Add(message.Name);
        }

        var note = messages.Count == 0
            ? $"No account crossed the surge factor {options.Value.Surge.Factor.ToString(CultureInfo.InvariantCulture)}; nothing to send."
            : $"{messages.Count} digest(s) to {string.Join(", ", found.Keys)}. " + notes.LastOrDefault();
        return await store.SaveAsync(run with
        {
            Status = RunStatus.Delivered, FinishedAt = clock.GetUtcNow().UtcDateTime, Note = note, Error = null,
        }, cancellationToken);
    }

    private static OutgoingMessage ReportMessage(ReportRun run, RenderedReport rendered, ReportFile file)
    {
        var last = run.PeriodEnd.AddDays(-1);
        var lead = $"{rendered.Title}, {run.PeriodStart:yyyy-MM-dd} to {last:yyyy-MM-dd}. The full report is attached ({file.FileName}).";
        var rows = rendered.Highlights.Select(h => (IReadOnlyList<string?>)[h.Label, h.Value, h.Change]).ToList();
        var html = OutgoingMessage.HtmlTable(rendered.Title, lead, ["Figure", "Value", "Change"], rows);
        var text = lead + "\n\n" + string.Join("\n", rendered.Highlights.Select(h => $"{h.Label}: {h.Value}{(h.Change is null ? "" : $" ({h.Change})")}"));
        return new OutgoingMessage(run.Recipients, $"{rendered.Title}: {run.PeriodStart:yyyy-MM-dd} to {last:yyyy-MM-dd}", html, text, file,
            $"{run.Report}-{run.PeriodStart:yyyy-MM-dd}-{run.Id[..8]}");
    }
}
