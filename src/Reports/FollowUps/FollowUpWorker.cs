using Analytics.Metrics.Common;
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
    TimeProvider clock, ILogger<FollowUpWorker> logger) : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override string Purpose => "opening follow-ups of detractor answers and prompting their owners";

    protected override async Task RoundAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened {FollowUps} follow-ups of detractor answers")]
    private partial void LogOpened(int followUps);
}
