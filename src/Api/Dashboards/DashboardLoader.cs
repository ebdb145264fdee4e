using Analytics.Reports.Dashboards;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Dashboards;

/// <summary>
/// Loads the dashboards at start-up and checks each panel query against the schema; a broken definition stops the
/// host (StartupChecks prints it as one line naming the file and the panel, exit code 2).
/// </summary>
public sealed partial class DashboardLoader(
    IOptions<DashboardOptions> options, IHostEnvironment environment, DashboardCatalogHolder holder, DashboardQueryCheck check,
    ILogger<DashboardLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = DashboardOptions.Resolve(options.Value.Path, environment.ContentRootPath);
        var catalog = DashboardCatalog.Load(folder);
        var files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Path.GetFileName).ToList();
        for (var i = 0; i < catalog.Dashboards.Count; i++)
        {
            await check.CheckAsync(files[i]!, catalog.Dashboards[i], cancellationToken);
        }

        holder.Set(folder, catalog);
        LogLoaded(logger, catalog.Dashboards.Count, folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} dashboards loaded from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);
}
