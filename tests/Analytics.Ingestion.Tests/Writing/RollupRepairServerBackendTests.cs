using Analytics.Storage.Schema;
using Analytics.Storage.Server;

namespace Analytics.Ingestion.Tests.Writing;

/// <summary>The rebuild's statements (partition drops among them) through ClickHouse.Driver, as a ClickHouse server takes them.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class RollupRepairServerBackendTests
{
    [Fact]
    public async Task A_rebuild_through_the_server_backend_mends_the_rollups_of_its_months()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        await using var gateway = new ServerGateway(clickHouse.ConnectionString, TestEngine.UniqueDatabase(nameof(RollupRepairServerBackendTests)), NullLogger.Instance);
        await gateway.EnsureDatabaseAsync(onCluster: null, CancellationToken.None);
        var dialect = new SchemaDialect(gateway.Database, null);
        await new Migrator(gateway, dialect, NullLogger<Migrator>.Instance).MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);
        var gate = new RollupWriteGate();
        var sunday = new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc);
        await new BatchProcessor(gateway, new EventDeduplicator(gateway), new Reattribution(gateway, dialect, Analytics.Api.Hosting.ApplicationSchema.Catalog), gate).ProcessAsync(
            [.. Enumerable.Range(0, 12).Select(day => new SpoolEntry(sunday, "test",
                new EngagementEvent($"e{day}", sunday.AddDays(day), "web", "page_view", AccountId: "acme", Url: "https://vendor.example/pricing")))],
            CancellationToken.None);
        // What a crash between an insert and its views can leave: rollup rows missing, others there twice.
        await gateway.ExecuteAsync("DELETE FROM account_engagement_daily WHERE day = '2026-04-02'");
        await gateway.ExecuteAsync("INSERT INTO account_activity_monthly SELECT * FROM account_activity_monthly WHERE month = '2026-04-01'");

        await new RollupRepair(gateway, dialect, ApplicationSchema.Catalog, gate).RebuildAsync([202604], CancellationToken.None);

        var rows = new List<object?>();
        await foreach (var row in gateway.QueryAsync(RollupTotals.Sql))
        {
            rows.AddRange(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]));
        }

        Assert.Equal(new RollupTotals(12, 12, 12, 12, 12, 12, 12), RollupTotals.From(rows));
        await gateway.ExecuteAsync($"DROP DATABASE {Identifiers.Quote(gateway.Database)}");
    }
}
