using Analytics.Storage;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Testing;

/// <summary>
/// Migrated databases made quickly: the migrations are applied once per test process, by the <see cref="Migrator"/>, to a
/// template database; every new database copies the template's tables and views (their create statements, as the engine
/// reports them) and its rows, the migration records among them.
/// </summary>
/// <remarks>
/// Why: replaying the whole migration history (151 statements, rollups' backfills and views made three times over) costs
/// about 0.7 s of engine time per database, the copy (56 statements) about 0.25 s, and most tests want a database of
/// their own. The Migrator itself stays tested: MigratorTests replay it, and every server process started by a test
/// migrates its own data folder.
/// </remarks>
internal static class DatabaseTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Template? _template;

    /// <summary>
    /// Brings the gateway's database (made when the gateway opened it, still empty) to the state the
    /// <paramref name="migrations"/> leave, as if applied at <paramref name="installed"/> (now unless told).
    /// </summary>
    public static async Task CopyAsync(EmbeddedGateway gateway, IReadOnlyList<Migration> migrations, DateTimeOffset? installed)
    {
        var template = await TemplateOfAsync(gateway, migrations);
        var target = Identifiers.Quote(gateway.Database) + ".";
        foreach (var statement in template.Statements)
        {
            await gateway.ExecuteAsync(statement.Replace(template.Prefix, target, StringComparison.Ordinal));
        }

        foreach (var table in template.TablesWithRows)
        {
            var rows = table == "schema_migrations" && installed is not null
                ? $"SELECT version, name, {{installed:DateTime64(3, 'UTC')}} FROM {template.Prefix}{table}"
                : $"SELECT * FROM {template.Prefix}{table}";
            await gateway.ExecuteAsync(
                $"INSERT INTO {target}{Identifiers.Quote(table)} {rows}",
                new QueryParameters().Add("installed", (installed ?? DateTimeOffset.UnixEpoch).UtcDateTime));
        }
    }

    private static async Task<Template> TemplateOfAsync(EmbeddedGateway gateway, IReadOnlyList<Migration> migrations)
    {
        var versions = string.Join(",", migrations.Select(m => m.Version).Order());
        await Gate.WaitAsync();
        try
        {
            if (_template is { } known)
            {
                return known.Versions == versions
                    ? known
                    : throw new InvalidOperationException($"This test process's template holds migrations {known.Versions}, not {versions}.");
            }

            var name = TestEngine.UniqueDatabase("template");
            await using (var templateGateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, TestEngine.DataPath, name))
            {
                await new Migrator(templateGateway, new SchemaDialect(name, null), NullLogger<Migrator>.Instance)
                    .MigrateAsync(migrations, TimeProvider.System, CancellationToken.None);
            }

            // Tables first: a view needs the tables it reads and writes. The engine names every object with its database,
            // unquoted (the name is plain letters, digits and '_'), so the prefix is replaced as text.
            var statements = new List<string>();
            var tablesWithRows = new List<string>();
            await foreach (var row in gateway.QueryAsync(
                "SELECT name, create_table_query, ifNull(total_rows, 0) AS rows FROM system.tables " +
                "WHERE database = {database:String} ORDER BY engine LIKE '%View', name",
                new QueryParameters().Add("database", name)))
            {
                statements.Add(row.Get<string>("create_table_query"));
                if (row.Get<ulong>("rows") > 0)
                {
                    tablesWithRows.Add(row.Get<string>("name"));
                }
            }

            _template = new Template(versions, name + ".", statements, tablesWithRows);
            return _template;
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed record Template(string Versions, string Prefix, IReadOnlyList<string> Statements, IReadOnlyList<string> TablesWithRows);
}
