using Analytics.Reports.Dashboards;
using Analytics.Storage;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Hosting;

public static class StartupChecks
{
    /// <summary>
    /// Starts the host: options are validated, storage opened and migrated, dashboards loaded and checked, then the server listens. A bad setting
    /// stops the process with one line naming it (exit code 2), rather than a stack trace or a server that answers 500s.
    /// </summary>
    public static async Task<bool> TryStartAsync(this WebApplication app)
    {
        try
        {
            await app.StartAsync();
            return true;
        }
        catch (Exception e) when (ConfigurationProblem(e) is { } problem)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {problem}");
            Environment.ExitCode = 2;
            return false;
        }
    }

    private static string? ConfigurationProblem(Exception e) => e switch
    {
        StorageConfigurationException storage => storage.Message,
        DashboardDefinitionException dashboard => dashboard.Message,
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException { InnerExceptions.Count: 1 } aggregate => ConfigurationProblem(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
