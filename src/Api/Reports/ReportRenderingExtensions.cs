using Analytics.Reports;
using Analytics.Reports.Dashboards;
using Analytics.Reports.Rendering;
using Analytics.Reports.WeeklyExecutive;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Reports;

public static class ReportRenderingExtensions
{
    /// <summary>
    /// The report renderers (resolved as <c>IEnumerable&lt;IReportRenderer&gt;</c>) and the in-process panel query runner;
    /// the weekly executive report draws the <c>executive</c> dashboard of those loaded at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddReportRendering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportRenderingOptions>().BindConfiguration(ReportRenderingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDashboardQueryRunner, GraphQLDashboardQueryRunner>();
        builder.Services.AddSingleton<IReportRenderer>(services =>
        {
            var dashboards = services.GetRequiredService<DashboardCatalogHolder>();
            return new WeeklyExecutiveReport(
                services.GetRequiredService<IDashboardQueryRunner>(), () => ExecutiveDashboard.From(dashboards),
                services.GetRequiredService<IOptions<ReportRenderingOptions>>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<WeeklyExecutiveReport>>());
        });
        return builder;
    }
}
