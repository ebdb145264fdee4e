using Analytics.Reports.Alerts;
using Analytics.Reports.Delivery;
using Analytics.Reports.FollowUps;
using Analytics.Reports.Runs;
using Analytics.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Analytics.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers report options, the run history, delivery (SMTP or outbox), the surge digest (an <see cref="IReport"/>),
    /// alert rules with their detection and delivery, and the Quartz schedules with the start-up catch-up. PDF renderers (<see cref="IReportRenderer"/>) are registered
    /// by whoever provides them.
    /// </summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReportCatalog>();
        builder.Services.AddSingleton<ReportRunStore>();
        builder.Services.AddSingleton<IReportDelivery, ReportDelivery>();
        builder.Services.AddSingleton<SurgeDigest>();
        builder.Services.AddSingleton<IReport>(sp => sp.GetRequiredService<SurgeDigest>());
        builder.Services.AddSingleton<ReportRunner>();
        builder.Services.AddSingleton<CatchUpGate>();
        builder.Services.AddSingleton<ReportCatchUp>();
        builder.Services.AddSingleton<ReportRunsInFlight>();
        builder.Services.AddFollowUps();
        builder.Services.AddAlerts();

        // TRICKY: Quartz keeps schedulers in a process-wide repository by name; in-process test hosts need names of their own.
        builder.Services.AddQuartz(q => q.ConfigureScheduler(s => s.InstanceName = $"reports-{Guid.NewGuid():N}"));
        // Nothing fires before the host has started (and its start-up checks passed).
        builder.Services.AddQuartzHostedService(q =>
        {
            q.WaitForJobsToComplete = false;
            q.AwaitApplicationStarted = true;
        });
        builder.Services.AddHostedService<ReportScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportCatchUp>());
        return builder;
    }
}
