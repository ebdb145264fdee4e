namespace Analytics.Storage;

/// <summary>Rows and bytes stored per table of the database, from the active parts (before merges collapse re-sent rows).</summary>
public static class StorageStats
{
    public sealed record TableStats(string Table, ulong Rows, ulong Bytes);

    public static async Task<IReadOnlyList<TableStats>> ReadAsync(IClickHouseGateway gateway, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT t.name, sum(p.rows), sum(p.bytes_on_disk)
            FROM system.tables AS t
            LEFT JOIN (SELECT table, rows, bytes_on_disk FROM system.parts WHERE database = {db:String} AND active) AS p
                ON p.table = t.name
            WHERE t.database = {db:String} AND t.engine LIKE '%MergeTree'
            GROUP BY t.name
            ORDER BY t.name
            """;
        var stats = new List<TableStats>();
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("db", gateway.Database), cancellationToken))
        {
            stats.Add(new TableStats(row.Get<string>(0), row.Get<ulong>(1), row.Get<ulong>(2)));
        }

        return stats;
    }
}
