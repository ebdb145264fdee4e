using Analytics.Reports.Runs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Reports.Scheduling;

/// <summary>The Quartz job of one schedule: runs its report for the period that ends on the fire's local date.</summary>
[DisallowConcurrentExecution]
public sealed class ReportJob(ReportCatalog catalog, ReportRunner runner, ILogger<ReportJob> logger) : IJob
{
    public const string ReportKey = "report";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = context.MergedJobDataMap.GetString(ReportKey)!;
        var schedule = catalog.Schedules.First(s => s.Report == report);
        var fire = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        try
        {
            await runner.RunAsync(new ReportRequest(report, schedule.PeriodEndFor(fire), fire.UtcDateTime), null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{Report} run due {Fire:O} stopped with the server; another start catches it up", report, fire);
        }
    }
}
