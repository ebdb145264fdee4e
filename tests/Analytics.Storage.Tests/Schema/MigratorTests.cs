using Analytics.Api.Hosting;
using Analytics.Storage.Embedded;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Storage.Tests.Schema;

public sealed class MigratorTests : IAsyncLifetime
{
    private EmbeddedGateway _gateway = null!;
    private SchemaDialect _dialect = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestEngine.OpenAsync(nameof(MigratorTests));
        _dialect = new SchemaDialect(_gateway.Database, cluster: null);
    }

    public async Task DisposeAsync()
    {
        await _gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(_gateway.Database)}");
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_applies_nothing()
    {
        var migrator = new Migrator(_gateway, _dialect, NullLogger<Migrator>.Instance);

        var first = await migrator.MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);
        var second = await migrator.MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);
        var tables = await ScalarListAsync("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name");

        Assert.Equal(ApplicationSchema.Catalog.Migrations.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(
            ApplicationSchema.Catalog.Tables.Select(t => t.Name).Concat(ApplicationSchema.Catalog.Views.Select(v => v.Name)).Append("schema_migrations").Order(StringComparer.Ordinal),
            tables);
        Assert.Equal(ApplicationSchema.Catalog.Migrations.Count, (await migrator.AppliedVersionsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_migration_interrupted_after_some_statements_completes_on_the_next_run()
    {
        var migrator = new Migrator(_gateway, _dialect, NullLogger<Migrator>.Instance);
        foreach (var statement in ApplicationSchema.Catalog.Migrations[0].Statements(_dialect).Take(3))
        {
            await _gateway.ExecuteAsync(statement);
        }

        var applied = await migrator.MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);

        Assert.Equal(ApplicationSchema.Catalog.Migrations.Select(m => m.Version), applied);
    }

    [Fact]
    public async Task The_engagement_rollup_counts_events_per_account_day_and_page_as_they_are_inserted()
    {
        await new Migrator(_gateway, _dialect, NullLogger<Migrator>.Instance).MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);
        var day = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        string[] columns = ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "contact_id", "url"];
        await _gateway.InsertAsync("events", columns,
        [
            ["e1", day, day, "web", "page_view", "acme", "c1", "https://acme.example/pricing?x=1"],
            ["e2", day.AddHours(1), day, "web", "page_view", "acme", "c2", "https://acme.example/pricing"],
            ["e3", day.AddHours(2), day, "web", "page_view", "acme", "c1", "https://acme.example/pricing"],
            ["e4", day.AddDays(1), day, "email", "open", "acme", "", "https://mail.example/x"],
        ]);

        var rows = await RowsAsync("""
            SELECT account_id, toString(day), channel, type, url_path, sum(events), uniqMerge(contacts)
            FROM account_engagement_daily
            GROUP BY account_id, day, channel, type, url_path
            ORDER BY day
            """);

        Assert.Equal(
            [
                ["acme", "2026-03-02", "web", "page_view", "/pricing", 3ul, 2ul],
                ["acme", "2026-03-03", "email", "open", "", 1ul, 0ul],
            ],
            rows);
    }

    private async Task<List<string>> ScalarListAsync(string sql) =>
        (await RowsAsync(sql)).Select(r => (string)r[0]!).ToList();

    private async Task<List<object?[]>> RowsAsync(string sql)
    {
        var rows = new List<object?[]>();
        await foreach (var row in _gateway.QueryAsync(sql))
        {
            rows.Add(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray());
        }

        return rows;
    }
}
