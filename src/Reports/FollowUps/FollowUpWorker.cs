using Analytics.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// Closes the loop in the background: every <c>FollowUps:IntervalSeconds</c> it opens a follow-up for each stored detractor
/// answer that has none, then prompts the owners of follow-ups not prompted yet. Working from what is stored, not from
/// the ingestion path, keeps it exact under crashes (see <see cref="FollowUpStore.OpenMissingAsync"/>) and keeps ingestion
/// from ever waiting on it.
/// </summary>
public sealed partial class FollowUpWorker(
    FollowUpStore store, FollowUpPrompts prompts, IOptions<FollowUpOptions> options, IHostApplicationLifetime lifetime,
    TimeProvider clock, ILogger<FollowUpWorker> logger) : BackgroundService
{
    /// <summary>One round: open what is missing, prompt what is pending. Returns the follow-ups opened.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int opened, total = 0;
        do
        {
            opened = await store.OpenMissingAsync(options.Value.Batch, cancellationToken);
            total += opened;
        }
        while (opened == options.Value.Batch);

        if (total > 0)
        {
            LogOpened(total);
        }

        await prompts.SendPendingAsync(cancellationToken);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: a failed start must find no query of ours running when it closes storage.
        await lifetime.WaitForStartedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, interval.TotalSeconds);
            }

            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened {FollowUps} follow-ups of detractor answers")]
    private partial void LogOpened(int followUps);

    [LoggerMessage(Level = LogLevel.Error, Message = "Opening follow-ups or prompting their owners failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
