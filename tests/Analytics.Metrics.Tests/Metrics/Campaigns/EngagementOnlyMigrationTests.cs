using Analytics.Api.Hosting;
using Analytics.Metrics.Schema;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Metrics.Tests.Metrics.Campaigns;

/// <summary>
/// Migration 13 on a database of before: its rollups, which counted delivery reports as touches, are made again from the
/// stored events without them, and the email events by campaign are filled for deliverability.
/// </summary>
public sealed class EngagementOnlyMigrationTests : IAsyncLifetime
{
    private IClickHouseGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestEngine.OpenAsync(nameof(EngagementOnlyMigrationTests));

    public async Task DisposeAsync()
    {
        await _gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(_gateway.Database)}");
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task An_older_database_loses_its_delivery_touches_and_gains_deliverability()
    {
        var dialect = new SchemaDialect(_gateway.Database, null);
        var migrator = new Migrator(_gateway, dialect, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync([.. ApplicationSchema.Catalog.Migrations.Where(m => m.Version < 13)], TimeProvider.System, CancellationToken.None);
        // Replaying history makes today's views; an older database has them as they were, without the rule.
        foreach (var view in OlderViews)
        {
            await _gateway.ExecuteAsync(dialect.DropView(view.Name));
            await _gateway.ExecuteAsync(dialect.CreateMaterializedView(view with { Select = view.Select.Replace($" AND {EngagementEvents.Sql}", "", StringComparison.Ordinal) }));
        }

        // acme's mail was delivered on the 2nd and opened by a machine on the 3rd; a person opened it on the 4th.
        await new Story()
            .Account("acme")
            .Event("acme", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), "email", "delivered", campaign: "spring", id: "d1")
            .Event("acme", new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc), "email", "machine_open", campaign: "spring", id: "m1")
            .Event("acme", new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc), "email", "open", campaign: "spring", id: "o1")
            .LoadAsync(_gateway);
        var touchesBefore = await RowsAsync("SELECT toString(day) FROM account_touch_daily ORDER BY day");

        await migrator.MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);

        Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-04"], touchesBefore);
        Assert.Equal(["2026-03-04"], await RowsAsync("SELECT toString(day) FROM account_touch_daily FINAL ORDER BY day"));
        Assert.Equal(["2026-03-04 email/open"], await RowsAsync("SELECT concat(toString(day), ' ', channel, '/', type) FROM account_engagement_daily FINAL"));
        Assert.Equal(["{'email/open':1}"], await RowsAsync("SELECT toString(sumMap(counts)) FROM account_activity_monthly"));
        Assert.Equal(["d1 delivered", "m1 machine_open", "o1 open"], await RowsAsync("SELECT concat(event_id, ' ', type) FROM email_campaign_events FINAL ORDER BY event_id"));
    }

    private static MaterializedViewSpec[] OlderViews =>
    [
        RollupTables.AccountEngagementDailyView, RollupTables.AccountTouchDailyView, RollupTables.AccountTouchMonthlyView,
        RollupTables.AccountActivityDailyView, RollupTables.AccountActivityWeeklyView, RollupTables.AccountActivityMonthlyView,
    ];

    private async Task<List<string>> RowsAsync(string sql)
    {
        var rows = new List<string>();
        await foreach (var row in _gateway.QueryAsync(sql))
        {
            rows.Add(row.Get<string>(0));
        }

        return rows;
    }
}
