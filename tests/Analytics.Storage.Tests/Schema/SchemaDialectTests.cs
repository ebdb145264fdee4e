using Analytics.Api.Hosting;
using Analytics.Ingestion.Schema;
using Analytics.Metrics.Schema;

namespace Analytics.Storage.Tests.Schema;

public sealed class SchemaDialectTests
{
    private static readonly TableSpec Events = IngestionTables.Events;

    [Fact]
    public void On_one_node_a_table_is_a_plain_MergeTree_with_no_cluster_clause()
    {
        var statement = Assert.Single(new SchemaDialect("analytics", cluster: null).CreateTable(Events));

        Assert.StartsWith("CREATE TABLE IF NOT EXISTS `analytics`.`events`\n(", statement, StringComparison.Ordinal);
        Assert.Contains("ENGINE = ReplacingMergeTree(received_at)\nPARTITION BY toYYYYMM(timestamp)\nORDER BY (account_id, timestamp, event_id)", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("ON CLUSTER", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Replicated", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_cluster_a_table_is_a_replicated_local_table_behind_a_distributed_one()
    {
        var statements = new SchemaDialect("analytics", "prod").CreateTable(Events).ToList();

        Assert.Equal(2, statements.Count);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS `analytics`.`events_local` ON CLUSTER `prod`\n(", statements[0], StringComparison.Ordinal);
        Assert.Contains(
            "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/events_local', '{replica}', received_at)",
            statements[0], StringComparison.Ordinal);
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS `analytics`.`events` ON CLUSTER `prod` AS `analytics`.`events_local`\n"
            + "ENGINE = Distributed('prod', 'analytics', 'events_local', cityHash64(account_id))",
            statements[1]);
    }

    [Fact]
    public void A_table_without_engine_arguments_gets_only_the_replication_arguments()
    {
        var statement = new SchemaDialect("analytics", "prod").CreateTable(IngestionTables.DeadLetters).First();

        Assert.Contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/analytics/dead_letters_local', '{replica}')", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_cluster_the_rollup_view_reads_and_writes_the_local_tables()
    {
        var statement = new SchemaDialect("analytics", "prod").CreateMaterializedView(RollupTables.AccountEngagementDailyView);

        Assert.StartsWith(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`account_engagement_daily_mv` ON CLUSTER `prod`\n"
            + "TO `analytics`.`account_engagement_daily_local`\nAS SELECT",
            statement, StringComparison.Ordinal);
        Assert.Contains("FROM `analytics`.`events_local`", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_DDL_statement_of_every_migration_is_idempotent_and_on_the_cluster()
    {
        var dialect = new SchemaDialect("analytics", "prod");

        // Backfills (INSERT ... SELECT through the Distributed tables) are data, not DDL: they run once, from one node.
        var statements = ApplicationSchema.Catalog.Migrations.SelectMany(m => m.Statements(dialect)).Where(s => s.StartsWith("CREATE", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements, s =>
        {
            Assert.Contains("IF NOT EXISTS", s, StringComparison.Ordinal);
            Assert.Contains(" ON CLUSTER `prod`", s, StringComparison.Ordinal);
        });
        Assert.All(statements.Where(s => s.Contains("MergeTree", StringComparison.Ordinal)), s =>
            Assert.Matches(@"ENGINE = Replicated\w*MergeTree\('/clickhouse/tables/\{shard\}/", s));
    }

    [Fact]
    public void A_cluster_name_that_is_not_a_plain_identifier_is_refused()
    {
        var dialect = new SchemaDialect("analytics", "prod`; DROP DATABASE x");

        Assert.Throws<ArgumentException>(() => dialect.OnCluster);
    }
}
