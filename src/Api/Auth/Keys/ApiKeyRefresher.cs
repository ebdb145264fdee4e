using Analytics.Storage;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Auth.Keys;

/// <summary>
/// Keeps this server's <see cref="ApiKeyStore"/> current: loads the managed keys as the host starts (right after storage,
/// before the web server takes requests), then every <c>Auth:RefreshSeconds</c> writes the keys' last uses and reloads,
/// so a key created or revoked on another node holds here within that time.
/// </summary>
public sealed partial class ApiKeyRefresher(
    ManagedApiKeys keys, IOptions<ApiKeyOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ApiKeyRefresher> logger)
    : BackgroundService, IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => keys.ReloadAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await keys.WriteUsesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The last few seconds' uses are lost, not the stop: a last use is a hint, not a record.
            LogWriteFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A host that fails its start-up checks stops without ever starting: nothing may query the engine it shuts down.
        await lifetime.WaitForStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.WriteUsesAsync(stoppingToken);
                await keys.ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The keys loaded last stay in force; the next tick tries again.
                LogRefreshFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the API keys' last uses at stop failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the API keys failed; the keys loaded before stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
