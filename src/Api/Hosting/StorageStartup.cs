using Analytics.Storage;

namespace Analytics.Api.Hosting;

public static class StorageStartup
{
    /// <summary>
    /// Opens storage and applies migrations before the server listens. A bad setting stops the process with one line
    /// naming it (exit code 2), rather than a stack trace or a server that answers 500s.
    /// </summary>
    public static async Task<bool> TryStartStorageAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<StorageRuntime>().StartAsync(app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (StorageConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {e.Message}");
            Environment.ExitCode = 2;
            return false;
        }
    }
}
