using System.Globalization;
using Analytics.Reports.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Runs;

/// <summary>What to run: a report, the end of its period, when it was due, and whether a run that failed for good may be made again.</summary>
public sealed record ReportRequest(string Report, DateOnly PeriodEnd, DateTime ScheduledFor, bool RetakeFailed = false);

/// <summary>
/// Makes one run of any report (<see cref="IReport"/>): claims the report and period in the run history (only the
/// winning server goes on), produces its file and messages once (the file stored with the run), then sends each message
/// once, retrying a failed delivery with exponential backoff. Every state change is written to <c>report_runs</c>.
/// </summary>
public sealed class ReportRunner(
    ReportCatalog catalog, ReportRunStore store, IReportDelivery delivery,
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
        var recipients = catalog.RecipientsOf(request.Report);
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
        var work = new Work(new ReportContext(run.Id, request.Report, period, recipients));
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

    /// <summary>What one run keeps between its attempts: what the report produced, and the messages already sent.</summary>
    private sealed class Work(ReportContext context)
    {
        public ReportContext Context { get; } = context;

        public ReportOutput? Output { get; set; }

        public HashSet<string> Sent { get; } = new(StringComparer.Ordinal);

        public List<string> Notes { get; } = [];
    }

    private async Task<ReportRun> AttemptAsync(ReportRun run, Work work, CancellationToken cancellationToken)
    {
        if (work.Output is null)
        {
            var report = catalog.ReportOf(run.Report) ?? throw new ReportConfigurationException(
                $"No renderer is registered for report '{run.Report}'; this server can render: {string.Join(", ", catalog.Reports.Select(r => r.Name).DefaultIfEmpty("none"))}.");
            var output = await report.ProduceAsync(work.Context, cancellationToken);
            if (output.File is { } file)
            {
                await store.SaveFileAsync(run.Id, file, cancellationToken);
            }

            work.Output = output;
            run = await store.SaveAsync(run with
            {
                File = output.File?.FileName ?? run.File,
                Recipients = [.. output.Messages.SelectMany(m => m.To).Distinct(StringComparer.Ordinal)],
            }, cancellationToken);
        }

        var messages = work.Output.Messages;
        foreach (var message in messages.Where(m => !work.Sent.Contains(m.Name)))
        {
            work.Notes.Add((await delivery.SendAsync(message, cancellationToken)).Note);
            work.Sent.Add(message.Name);
        }

        var note = messages.Count switch
        {
            0 => work.Output.NothingToSend,
            1 => work.Notes[^1],
            _ => $"{messages.Count} messages to {string.Join(", ", run.Recipients)}. {work.Notes[^1]}",
        };
        logger.LogInformation("{Report} {PeriodStart:yyyy-MM-dd} run {RunId} delivered: {Note}", run.Report, run.PeriodStart, run.Id, note);
        return await store.SaveAsync(run with
        {
            Status = RunStatus.Delivered, FinishedAt = clock.GetUtcNow().UtcDateTime, Note = note, Error = null,
        }, cancellationToken);
    }
}
