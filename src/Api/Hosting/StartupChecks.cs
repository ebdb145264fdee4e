using Analytics.Storage;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Hosting;

public static class StartupChecks
{
    /// <summary>
    /// Validates the options, opens storage and applies migrations, then starts listening. A bad setting stops the
    /// process with one line naming it (exit code 2), rather than a stack trace or a server that answers 500s.
    /// </summary>
    public static async Task<bool> TryStartAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.GetRequiredService<StorageRuntime>().StartAsync(app.Lifetime.ApplicationStopping);
        }
        catch (StorageConfigurationException e)
        {
            return await FailAsync(e.Message);
        }
        catch (OptionsValidationException e)
        {
            return await FailAsync(string.Join(" ", e.Failures));
        }

        await app.StartAsync();
        return true;
    }

    private static async Task<bool> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"Configuration error: {message}");
        Environment.ExitCode = 2;
        return false;
    }
}
