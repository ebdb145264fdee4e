using Analytics.Reports.Runs;
using Analytics.Storage;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Scheduling;

/// <summary>
/// At start-up, makes each schedule's latest due run if the run history has no run for its period (the server was down
/// when it was due). A run due before a server first started on this database was never missed: a fresh install mails
/// nothing at once. The claim in the run history makes it once, whichever servers start together.
/// It begins only once the host has started: a server that fails its start-up checks (a broken dashboard, say) must
/// exit at once, not in the middle of a render, and the report's dashboards are loaded only then. It also waits for
/// <see cref="CatchUpGate"/> (the demo data still loading).
/// </summary>
public sealed class ReportCatchUp(ReportCatalog catalog, ReportRunStore store, ReportRunner runner, Migrator schema, IOptions<ReportOptions> options,
    TimeProvider clock, IHostApplicationLifetime lifetime, CatchUpGate gate, ILogger<ReportCatchUp> logger) : BackgroundService
{
    /// <summary>
    /// Runs what is missing, one schedule after another; returns the runs made or found. With <paramref name="beforeInstall"/>
    /// a run due before the database's first start is made too (the demo's company has a past worth reporting).
    /// </summary>
    public async Task<IReadOnlyList<ReportRun>> CatchUpAsync(CancellationToken cancellationToken, bool beforeInstall = false)
    {
        var runs = new List<ReportRun>();
        var now = clock.GetUtcNow();
        var installed = await schema.FirstAppliedAtAsync(cancellationToken);
        foreach (var schedule in catalog.Schedules)
        {
            if (schedule.LastAtOrBefore(now) is not { } due)
            {
                continue;
            }

            if (!beforeInstall && due.UtcDateTime < installed)
            {
                logger.LogInformation("Not catching up {Report} due {Due:O}: due before this server first started on its database ({Installed:O})",
                    schedule.Report, due, installed);
                continue;
            }

            var periodEnd = schedule.PeriodEndFor(due);
            var period = catalog.PeriodOf(schedule.Report, periodEnd);
            // A run that is not final may have been cut off by a stop; the claim retakes it once its claim has timed out.
            if (await store.CurrentAsync(schedule.Report, period.Start, cancellationToken) is { IsFinal: true })
            {
                continue;
            }

            logger.LogInformation("Catching up {Report} due {Due:O} (period from {PeriodStart:yyyy-MM-dd})", schedule.Report, due, period.Start);
            runs.Add(await runner.RunAsync(new ReportRequest(schedule.Report, periodEnd, due.UtcDateTime), null, cancellationToken));
        }

        return runs;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CatchUp)
        {
            return;
        }

        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
            await gate.WaitAsync(stoppingToken);
            await CatchUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start catches up again.
        }
        catch (Exception e)
        {
            // Logged, not rethrown: a failed catch-up must not stop the server; the next start or schedule tries again.
            logger.LogError(e, "Catching up missed report runs failed");
        }
    }
}
