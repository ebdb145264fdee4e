using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.Common;

/// <summary>
/// Runs a background round every <see cref="Interval"/> from the start of the host on, logging a failed round and
/// trying again at the next: what keeps a derived table (the themes' topics, the journey's spans) current.
/// </summary>
public abstract partial class RepeatingRound(IHostApplicationLifetime lifetime, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Time between the end of a round and the start of the next.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the round is for, in the log: "analysing survey comments for themes".</summary>
    protected abstract string Purpose { get; }

    protected abstract Task RoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: a failed start must find no query of ours running when it closes storage.
        await lifetime.WaitForStartedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, Purpose, Interval.TotalSeconds);
            }

            await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A background round {Purpose} failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception exception, string purpose, double seconds);
}
