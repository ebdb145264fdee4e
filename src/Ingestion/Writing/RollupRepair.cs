using Analytics.Storage;
using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Rebuilds the rollups of some months from the raw events. An insert into <c>events</c> and the inserts its
/// materialized views make are committed separately, so a crash in the middle can leave events stored whose rollup
/// rows are not (or the reverse). When the writer replays entries after an unclean stop, it cannot tell which; it
/// rebuilds the months those entries touch instead, which is exact whichever way the crash fell.
/// </summary>
public sealed class RollupRepair(IClickHouseGateway gateway, SchemaDialect dialect)
{
    public async Task RebuildAsync(IReadOnlyCollection<uint> months, CancellationToken cancellationToken)
    {
        if (months.Count == 0)
        {
            return;
        }

        var parameters = new QueryParameters().Add("months", months.ToArray());
        var source = $"(SELECT * FROM {dialect.Qualified(DataModel.Events.Name)} WHERE toYYYYMM(timestamp) IN {{months:Array(UInt32)}})";
        foreach (var view in DataModel.Views.Where(v => v.Bucket is not null))
        {
            await gateway.ExecuteAsync(
                $"DELETE FROM {dialect.Qualified(dialect.StorageTable(view.Target))}{dialect.OnCluster} WHERE toYYYYMM({view.Bucket}) IN {{months:Array(UInt32)}}",
                parameters, cancellationToken);
            await gateway.ExecuteAsync(
                $"INSERT INTO {dialect.Qualified(view.Target)} {view.Select.Replace("{source}", source, StringComparison.Ordinal)}",
                parameters, cancellationToken);
        }
    }
}
