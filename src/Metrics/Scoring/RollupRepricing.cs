using Analytics.Metrics.Common;
using Analytics.Metrics.Schema;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// One pass of re-pricing: makes sure the model in use is stored with a version (so the activity views price new
/// events with it), then re-prices every activity rollup row priced under another model from its counts, with one
/// mutation per rollup. <see cref="RollupRepricer"/> runs it in the background.
/// </summary>
public sealed partial class RollupRepricing(IClickHouseGateway gateway, SchemaDialect dialect, ScoringModelStore models, ILogger<RollupRepricing> logger)
{
    private static readonly string[] Rollups =
        [RollupTables.AccountActivityDaily.Name, RollupTables.AccountActivityWeekly.Name, RollupTables.AccountActivityMonthly.Name];

    /// <summary>Re-prices every rollup row priced under another model than the stored one; returns how many rows were.</summary>
    public async Task<long> RepriceAsync(CancellationToken cancellationToken)
    {
        var priced = await models.EnsureStoredAsync(cancellationToken);
        var parameters = new QueryParameters().AddModel(priced);
        long repriced = 0;
        foreach (var rollup in Rollups)
        {
            var stale = await StaleRowsAsync(rollup, parameters, cancellationToken);
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

    /// <summary>How many activity rollup rows, in all three, are priced under another model than <paramref name="priced"/>.</summary>
    public async Task<long> StaleRowsAsync(PricedModel priced, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters().AddModel(priced);
        long stale = 0;
        foreach (var rollup in Rollups)
        {
            stale += await StaleRowsAsync(rollup, parameters, cancellationToken);
        }

        return stale;
    }

    private async Task<long> StaleRowsAsync(string rollup, QueryParameters parameters, CancellationToken cancellationToken) =>
        (await gateway.ListAsync($"SELECT count() AS n FROM {rollup} WHERE NOT {ScoringSql.PricedNow}", parameters, r => r.Get<long>("n"), cancellationToken))
            .Single();

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-priced {Rows} rows of {Rollup} with scoring model version {Version}")]
    private partial void LogRepriced(long rows, string rollup, ulong version);
}
