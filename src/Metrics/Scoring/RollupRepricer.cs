using Analytics.Storage.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// Keeps the activity rollups priced with the scoring model in use. At start it makes sure the model is stored with a
/// version (so the views price new events with it); then, at start, after every save and once a minute, it re-prices
/// the rows priced under another model (rows of before a change, of an insert that raced it, or of another node's
/// save) from their counts, with one mutation per rollup. Until a row is re-priced, queries price it themselves
/// (<see cref="WindowPoints"/>), so a change shows at once; re-pricing only makes them fast again.
/// </summary>
public sealed partial class RollupRepricer(
    IClickHouseGateway gateway, SchemaDialect dialect, ScoringModelStore models, ILogger<RollupRepricer> logger) : BackgroundService
{
    /// <summary>How often rows priced under another model are looked for when no save here asks for it sooner.</summary>
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromMinutes(1);

    private static readonly string[] Rollups =
        [DataModel.AccountActivityDaily.Name, DataModel.AccountActivityWeekly.Name, DataModel.AccountActivityMonthly.Name];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RepriceAsync(stoppingToken);
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

    /// <summary>Re-prices every rollup row priced under another model than the stored one; returns how many rows were.</summary>
    public async Task<long> RepriceAsync(CancellationToken cancellationToken)
    {
        var priced = await models.EnsureStoredAsync(cancellationToken);
        var parameters = new QueryParameters().AddModel(priced);
        long repriced = 0;
        foreach (var rollup in Rollups)
        {
            var stale = 0L;
            await foreach (var row in gateway.QueryAsync($"SELECT count() AS n FROM {rollup} WHERE NOT {ScoringSql.PricedNow}", parameters, cancellationToken))
            {
                stale = row.Get<long>("n");
            }

            if (stale == 0)
            {
                continue;
            }

            // Waits until the mutation is done on every replica; a part written meanwhile is left for the next pass.
            await gateway.ExecuteAsync(
                $$"""
                ALTER TABLE {{dialect.Qualified(dialect.StorageTable(rollup))}}{{dialect.OnCluster}}
                UPDATE points = {{ScoringSql.ActivityRowPoints}}, model_min = {score_version:UInt64}, model_max = {score_version:UInt64}
                WHERE NOT {{ScoringSql.PricedNow}}
                SETTINGS mutations_sync = 2
                """,
                parameters, cancellationToken);
            LogRepriced(stale, rollup, priced.Version);
            repriced += stale;
        }

        return repriced;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-priced {Rows} rows of {Rollup} with scoring model version {Version}")]
    private partial void LogRepriced(long rows, string rollup, ulong version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-pricing the activity rollups failed; trying again in a minute (queries price those rows themselves meanwhile)")]
    private partial void LogFailed(Exception exception);
}
