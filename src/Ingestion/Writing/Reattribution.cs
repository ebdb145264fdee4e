using Analytics.Ingestion.Schema;
using Analytics.Storage;
using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Gives earlier events of a visitor or user the account identity resolution has just found: copies of the events
/// stored without an account are inserted under the account (so the rollup counts them), then the originals deleted.
/// Idempotent: a copy already made is not made again, so a crash between the two steps is mended by a replay.
/// The same copy and delete move a Segment group's events when the group, an account of its own until then, is linked
/// to a CRM account (<see cref="MoveAccountsAsync"/>).
/// </summary>
public sealed class Reattribution(IClickHouseGateway gateway, SchemaDialect dialect, SchemaCatalog schema)
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

    /// <summary>
    /// Moves everything stored under the accounts <paramref name="accountOfGroup"/> maps from (groups that were accounts
    /// of their own) to the account each now counts for: events (copied under it, then deleted), their rollup rows
    /// (deleted: every row of such an account is made of those events alone, and the copies fed the new account's),
    /// the identities tied to it, and the account row only group calls made. Returns how many events moved and their months.
    /// </summary>
    public async Task<(int Count, IReadOnlyCollection<uint> Months)> MoveAccountsAsync(
        IReadOnlyDictionary<string, string> accountOfGroup, DateTime at, CancellationToken cancellationToken)
    {
        if (accountOfGroup.Count == 0)
        {
            return (0, []);
        }

        var parameters = new QueryParameters()
            .Add("from", accountOfGroup.Keys.ToArray())
            .Add("to", accountOfGroup.Values.ToArray())
            .Add("at", at);
        var count = 0;
        IReadOnlyCollection<uint> months = [];
        await foreach (var row in gateway.QueryAsync(
            "SELECT count(), groupUniqArray(toYYYYMM(timestamp)) FROM events WHERE account_id IN {from:Array(String)}", parameters, cancellationToken))
        {
            (count, months) = (row.Get<int>(0), row.Get<uint[]>(1));
        }

        if (count > 0)
        {
            var copy = $$"""
                INSERT INTO events ({{Columns}})
                SELECT event_id, timestamp, received_at, channel, type,
                       transform(account_id, {from:Array(String)}, {to:Array(String)}, account_id),
                       contact_id, anonymous_id, campaign, source, url, properties
                FROM events
                WHERE account_id IN {from:Array(String)}
                  AND event_id NOT IN (SELECT event_id FROM events WHERE account_id IN {to:Array(String)})
                """;
            await gateway.ExecuteAsync(copy, parameters, cancellationToken);
            await DeleteAsync(IngestionTables.Events.Name, parameters, cancellationToken);
            foreach (var rollup in schema.RebuildableViewsOf(IngestionTables.Events.Name).Select(v => v.Target).Distinct().Where(HasAccountId))
            {
                await DeleteAsync(rollup, parameters, cancellationToken);
            }
        }

        // TRICKY: the new identity rows must win over the old ones in the ReplacingMergeTree: never an earlier version.
        await gateway.ExecuteAsync(
            "INSERT INTO identities (alias, person_id, email, account_id, updated_at) "
            + "SELECT alias, person_id, email, transform(assumeNotNull(account_id), {from:Array(String)}, {to:Array(String)}, assumeNotNull(account_id)), greatest(updated_at, {at:DateTime64(3)}) "
            + "FROM identities FINAL WHERE account_id IN {from:Array(String)}",
            parameters, cancellationToken);
        // A DELETE is a mutation: only when there is a row to delete (a group met for the first time has none).
        const string GroupOnly = "account_id IN {from:Array(String)} AND origin = 'segment'";
        var rows = 0UL;
        await foreach (var row in gateway.QueryAsync($"SELECT count() FROM accounts WHERE {GroupOnly}", parameters, cancellationToken))
        {
            rows = row.Get<ulong>(0);
        }

        if (rows > 0)
        {
            await gateway.ExecuteAsync(
                $"DELETE FROM {dialect.Qualified(dialect.StorageTable(IngestionTables.Accounts.Name))}{dialect.OnCluster} WHERE {GroupOnly}",
                parameters, cancellationToken);
        }

        return (count, months);
    }

    private bool HasAccountId(string table) =>
        schema.Tables.Single(t => t.Name == table).Columns.Any(c => c.StartsWith("account_id ", StringComparison.Ordinal));

    // On a cluster the rows live in the local tables: a DELETE goes there, on every node.
    private Task DeleteAsync(string table, QueryParameters parameters, CancellationToken cancellationToken) =>
        gateway.ExecuteAsync(
            $"DELETE FROM {dialect.Qualified(dialect.StorageTable(table))}{dialect.OnCluster} WHERE account_id IN {{from:Array(String)}}",
            parameters, cancellationToken);
}
