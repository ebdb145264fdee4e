using Microsoft.Extensions.Hosting;

namespace Analytics.Storage;

public static class HostLifetimeExtensions
{
    /// <summary>
    /// Completes once the host has started (every hosted service started, the server listening); throws when
    /// <paramref name="cancellationToken"/> is cancelled first. Background work that must not run during a start that
    /// may still fail (and then close storage under it) waits for this.
    /// </summary>
    public static async Task WaitForStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        // The continuation runs on the thread pool, not inside the host's start-up callback.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
