using Microsoft.Extensions.Logging;

namespace Analytics.Storage.Schema;

/// <summary>
/// Applies the pending migrations (every module's, <see cref="SchemaCatalog.Migrations"/>) in order and records each in <c>schema_migrations</c>.
/// Safe to run on every start and from several API nodes at once: statements are idempotent and the record table
/// collapses duplicate records.
/// </summary>
public sealed class Migrator(IClickHouseGateway gateway, SchemaDialect dialect, ILogger<Migrator> logger)
{
    private static readonly TableSpec History = new(
        "schema_migrations",
        ["version UInt32", "name String", "applied_at DateTime64(3, 'UTC')"],
        "ReplacingMergeTree(applied_at)",
        "version");

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var statement in dialect.CreateTable(History))
        {
            await gateway.ExecuteAsync(statement, cancellationToken: cancellationToken);
        }

        var applied = await AppliedVersionsAsync(cancellationToken);
        var done = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            logger.LogInformation("Applying schema migration {Version}: {Name}", migration.Version, migration.Name);
            foreach (var statement in migration.Statements(dialect))
            {
                await gateway.ExecuteAsync(statement, cancellationToken: cancellationToken);
            }

            await gateway.InsertAsync(
                History.Name, ["version", "name", "applied_at"],
                [[(uint)migration.Version, migration.Name, clock.GetUtcNow().UtcDateTime]],
                cancellationToken);
            done.Add(migration.Version);
        }

        return done;
    }

    /// <summary>The versions recorded as applied.</summary>
    public async Task<HashSet<int>> AppliedVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await foreach (var row in gateway.QueryAsync($"SELECT DISTINCT version FROM {dialect.Qualified(History.Name)}", cancellationToken: cancellationToken))
        {
            versions.Add(row.Get<int>(0));
        }

        return versions;
    }
}
