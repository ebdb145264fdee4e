using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.Reports.Scheduling;

/// <summary>
/// Puts each schedule (<see cref="ReportCatalog.Schedules"/>) into Quartz as a cron trigger in its time zone, as the host
/// starts. A bad schedule (cron, time zone, two renderers for one report) stops the start with one line naming the setting.
/// </summary>
public sealed class ReportScheduler(IServiceProvider services, ISchedulerFactory schedulers, TimeProvider clock, ILogger<ReportScheduler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ReportCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<ReportCatalog>();
            catalog.Validate();
        }
        catch (ReportConfigurationException e)
        {
            throw new OptionsValidationException(ReportOptions.Section, typeof(ReportOptions), [e.Message]);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var schedule in catalog.Schedules)
        {
            var job = JobBuilder.Create<ReportJob>().WithIdentity(schedule.Report, "reports").UsingJobData(ReportJob.ReportKey, schedule.Report).Build();
            // The catch-up at start-up (ReportCatchUp) makes a missed run; Quartz itself fires only what is due from now on.
            var trigger = TriggerBuilder.Create().WithIdentity(schedule.Report, "reports").ForJob(job)
                .WithCronSchedule(schedule.Cron, cron => cron.InTimeZone(schedule.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
            if (catalog.ReportOf(schedule.Report) is null)
            {
                logger.LogWarning("Report {Report} is scheduled but no renderer is registered for it: its runs will fail until one is", schedule.Report);
            }

            logger.LogInformation("Scheduled {Report}: {Cron} in {TimeZone}, next at {Next:O}",
                schedule.Report, schedule.Cron, schedule.Zone.Id, schedule.NextAfter(clock.GetUtcNow()));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
