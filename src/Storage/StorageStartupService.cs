using Microsoft.Extensions.Hosting;

namespace Analytics.Storage;

/// <summary>
/// Opens storage and applies migrations while the host is starting, before any hosted service (the web server among
/// them) starts, so no request ever meets storage that is not ready. A failure stops the host's start.
/// </summary>
internal sealed class StorageStartupService(StorageRuntime runtime) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
