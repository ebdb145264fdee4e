namespace Analytics.Storage.Schema;

/// <summary>
/// Writes DDL for the deployment: one node (the embedded engine, or one server) or a ClickHouse cluster.
/// On a cluster every statement is <c>ON CLUSTER</c>, each table is a <c>Replicated*MergeTree</c> named <c>&lt;name&gt;_local</c>
/// on every node, and a <c>Distributed</c> table under the plain name fans queries out and spreads inserts.
/// Every statement is idempotent (<c>IF NOT EXISTS</c>), so any node may run the migrations at start-up.
/// </summary>
public sealed class SchemaDialect(string database, string? cluster)
{
    public string Database { get; } = database;

    public string? Cluster { get; } = string.IsNullOrWhiteSpace(cluster) ? null : cluster;

    /// <summary><c> ON CLUSTER `name`</c> on a cluster, else nothing.</summary>
    public string OnCluster => Cluster is null ? string.Empty : $" ON CLUSTER {Identifiers.Quote(Cluster)}";

    /// <summary>The table that holds the rows on each node: the table itself, or its <c>_local</c> twin on a cluster.</summary>
    public string StorageTable(string name) => Cluster is null ? name : name + "_local";

    public IEnumerable<string> CreateTable(TableSpec table)
    {
        var storage = StorageTable(table.Name);
        var columns = string.Join(",\n    ", table.Columns.Concat(table.Indexes ?? []));
        var engine = Cluster is null ? table.Engine : Replicated(table.Engine, storage);
        var partition = table.PartitionBy is null ? string.Empty : $"\nPARTITION BY {table.PartitionBy}";
        var settings = table.Settings is null ? string.Empty : $"\nSETTINGS {table.Settings}";
        yield return $"""
            CREATE TABLE IF NOT EXISTS {Qualified(storage)}{OnCluster}
            (
                {columns}
            )
            ENGINE = {engine}{partition}
            ORDER BY ({table.OrderBy}){settings}
            """;

        if (Cluster is not null)
        {
            yield return $"""
                CREATE TABLE IF NOT EXISTS {Qualified(table.Name)}{OnCluster} AS {Qualified(storage)}
                ENGINE = Distributed({Literal(Cluster)}, {Literal(Database)}, {Literal(storage)}, {table.ShardingKey})
                """;
        }
    }

    public string CreateMaterializedView(MaterializedViewSpec view)
    {
        var select = SelectOf(view, Qualified(StorageTable(view.Source)));
        return $"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS {Qualified(view.Name)}{OnCluster}
            TO {Qualified(StorageTable(view.Target))}
            AS {select}
            """;
    }

    /// <summary>
    /// The view's SELECT reading <paramref name="source"/> (a table or a subquery) in place of its own source, with
    /// <c>{db}</c> (the database of other tables it reads) made this database.
    /// </summary>
    public string SelectOf(MaterializedViewSpec view, string source) => view.Select
        .Replace("{source}", source, StringComparison.Ordinal)
        .Replace("{db}", Identifiers.Quote(Database), StringComparison.Ordinal);

    public string DropView(string name) => $"DROP VIEW IF EXISTS {Qualified(name)}{OnCluster}";

    /// <summary>Drops a table; on a cluster the Distributed table and the local tables behind it.</summary>
    public IEnumerable<string> DropTable(string name)
    {
        if (Cluster is not null)
        {
            yield return $"DROP TABLE IF EXISTS {Qualified(name)}{OnCluster}";
        }

        yield return $"DROP TABLE IF EXISTS {Qualified(StorageTable(name))}{OnCluster}";
    }

    /// <summary>
    /// Adds columns to a table that already shipped (idempotent: <c>ADD COLUMN IF NOT EXISTS</c>); on a cluster to the
    /// local tables and to the Distributed table in front of them.
    /// </summary>
    public IEnumerable<string> AddColumns(string table, IReadOnlyList<string> columns)
    {
        var adds = string.Join(", ", columns.Select(c => $"ADD COLUMN IF NOT EXISTS {c}"));
        yield return $"ALTER TABLE {Qualified(StorageTable(table))}{OnCluster} {adds}";
        if (Cluster is not null)
        {
            yield return $"ALTER TABLE {Qualified(table)}{OnCluster} {adds}";
        }
    }

    public string Qualified(string table) => $"{Identifiers.Quote(Database)}.{Identifiers.Quote(table)}";

    private static string Literal(string text) => $"'{text.Replace("\\", "\\\\").Replace("'", "\\'")}'";

    /// <summary><c>ReplacingMergeTree(v)</c> becomes <c>ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/db/t', '{replica}', v)</c>.</summary>
    private string Replicated(string engine, string storage)
    {
        var open = engine.IndexOf('(');
        var name = open < 0 ? engine : engine[..open];
        var arguments = open < 0 ? string.Empty : engine[(open + 1)..^1].Trim();
        var path = Literal($"/clickhouse/tables/{{shard}}/{Database}/{storage}");
        var replicaArguments = arguments.Length == 0 ? $"{path}, '{{replica}}'" : $"{path}, '{{replica}}', {arguments}";
        return $"Replicated{name}({replicaArguments})";
    }
}
