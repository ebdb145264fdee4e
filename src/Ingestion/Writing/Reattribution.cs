using Analytics.Ingestion.Schema;
using Analytics.Storage;
using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Gives earlier events of a visitor or user the account identity resolution has just found: copies of the events
/// stored without an account are inserted under the account (so the rollup counts them), then the originals deleted.
/// Idempotent: a copy already made is not made again, so a crash between the two steps is mended by a replay.
/// </summary>
public sealed class Reattribution(IClickHouseGateway gateway, SchemaDialect dialect)
{
    private static readonly string Columns = string.Join(", ", RecordRows.EventColumns);

    /// <summary>
    /// Re-attributes the unattributed events of each alias to its account; returns how many events moved and the months
    /// (<c>yyyyMM</c>) of their timestamps, whose rollups a replay must rebuild (the copies feed them).
    /// </summary>
    public async Task<(int Count, IReadOnlyCollection<uint> Months)> ApplyAsync(IReadOnlyDictionary<string, string> accountOfAlias, CancellationToken cancellationToken)
    {
        if (accountOfAlias.Count == 0)
        {
            return (0, []);
        }

        var parameters = new QueryParameters()
            .Add("aliases", accountOfAlias.Keys.ToArray())
            .Add("accounts", accountOfAlias.Values.ToArray());
        const string pending = """
            SELECT count(), groupUniqArray(toYYYYMM(timestamp)) FROM events
            WHERE account_id = '' AND (anonymous_id IN {aliases:Array(String)} OR contact_id IN {aliases:Array(String)})
            """;
        var count = 0;
        IReadOnlyCollection<uint> months = [];
        await foreach (var row in gateway.QueryAsync(pending, parameters, cancellationToken))
        {
            (count, months) = (row.Get<int>(0), row.Get<uint[]>(1));
        }

        if (count == 0)
        {
            return (0, []);
        }

        // The visitor's alias decides first, as it is what the event was recorded under; then the user's.
        var copy = $$"""
            INSERT INTO events ({{Columns}})
            SELECT event_id, timestamp, received_at, channel, type,
                   if(has({aliases:Array(String)}, anonymous_id),
                      transform(anonymous_id, {aliases:Array(String)}, {accounts:Array(String)}, ''),
                      transform(contact_id, {aliases:Array(String)}, {accounts:Array(String)}, '')) AS resolved_account,
                   contact_id, anonymous_id, campaign, source, url, properties
            FROM events
            WHERE account_id = ''
              AND (anonymous_id IN {aliases:Array(String)} OR contact_id IN {aliases:Array(String)})
              AND event_id NOT IN (
                  SELECT event_id FROM events
                  WHERE account_id != '' AND (anonymous_id IN {aliases:Array(String)} OR contact_id IN {aliases:Array(String)}))
            """;
        await gateway.ExecuteAsync(copy, parameters, cancellationToken);
        // On a cluster the rows live in the local tables: a DELETE goes there, on every node.
        await gateway.ExecuteAsync(
            $"DELETE FROM {dialect.Qualified(dialect.StorageTable(IngestionTables.Events.Name))}{dialect.OnCluster} "
            + "WHERE account_id = '' AND (anonymous_id IN {aliases:Array(String)} OR contact_id IN {aliases:Array(String)})",
            parameters, cancellationToken);
        return (count, months);
    }
}
