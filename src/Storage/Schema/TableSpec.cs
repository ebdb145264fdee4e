namespace Analytics.Storage.Schema;

/// <summary>
/// A table of the data model, independent of deployment: <see cref="SchemaDialect"/> turns it into DDL for one node
/// (plain <c>*MergeTree</c>) or for a cluster (<c>Replicated*MergeTree</c> local tables with a <c>Distributed</c> table in front).
/// </summary>
/// <param name="Name">The name queries use.</param>
/// <param name="Columns">Column definitions as written in <c>CREATE TABLE</c>.</param>
/// <param name="Engine">The MergeTree family member, e.g. <c>ReplacingMergeTree(updated_at)</c>, without the Replicated prefix.</param>
/// <param name="OrderBy">The sorting key expression.</param>
/// <param name="PartitionBy">The partition expression, if any.</param>
/// <param name="ShardingKey">How rows spread over shards in a cluster; account-keyed tables use the account so an account's rows meet on one shard.</param>
/// <param name="Indexes">Data-skipping indexes as written in <c>CREATE TABLE</c> (<c>INDEX name expr TYPE t GRANULARITY n</c>).</param>
/// <param name="Settings">MergeTree settings as written after <c>SETTINGS</c>, if any.</param>
public sealed record TableSpec(
    string Name,
    IReadOnlyList<string> Columns,
    string Engine,
    string OrderBy,
    string? PartitionBy = null,
    string ShardingKey = "rand()",
    IReadOnlyList<string>? Indexes = null,
    string? Settings = null);

/// <summary>
/// A materialized view that feeds <paramref name="Target"/> from inserts into <paramref name="Source"/>.
/// <paramref name="Select"/> names its source as <c>{source}</c>, which the dialect replaces with the local table on a cluster.
/// <paramref name="Bucket"/> is the target's date column by whose months its rows are rebuilt from the source (a week or month
/// bucket's column holds its first day); null for a target that only ever grows and holds nothing personal.
/// </summary>
public sealed record MaterializedViewSpec(string Name, string Source, string Target, string Select, string? Bucket = "day")
{
    /// <summary>Whether a bucket may hold days of the month after its own (a week starting on the 29th does).</summary>
    public bool BucketSpansMonths => Bucket == "week";
}
