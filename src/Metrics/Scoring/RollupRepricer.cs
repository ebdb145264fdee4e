using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// Keeps the activity rollups priced with the scoring model in use: runs <see cref="RollupRepricing"/> once the host
/// has started, after every save of the model here, and once a minute (for rows of an insert that raced a change, or
/// of another node's save). Until a row is re-priced, queries price it themselves (<see cref="WindowPoints"/>), so a
/// change shows at once; re-pricing only makes them fast again.
/// </summary>
public sealed partial class RollupRepricer(
    RollupRepricing repricing, ScoringModelStore models, IHostApplicationLifetime lifetime, ILogger<RollupRepricer> logger) : BackgroundService
{
    /// <summary>How often rows priced under another model are looked for when no save here asks for it sooner.</summary>
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: a start that fails (a bad dashboard, say) must find no query of ours running
        // when it closes storage and exits.
        await lifetime.WaitForStartedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await repricing.RepriceAsync(stoppingToken);
                await models.WaitForSaveAsync(CheckEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e);
                await Task.Delay(CheckEvery, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-pricing the activity rollups failed; trying again in a minute (queries price those rows themselves meanwhile)")]
    private partial void LogFailed(Exception exception);
}
