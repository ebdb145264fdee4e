namespace Analytics.Storage.Schema;

/// <summary>
/// The application's schema: the modules' parts together. Their migrations form one history, applied in version order
/// (a module's view may read another module's table: an earlier version made it).
/// </summary>
public sealed class SchemaCatalog
{
    public SchemaCatalog(params IReadOnlyList<SchemaModule> modules)
    {
        Modules = modules;
        Migrations = [.. modules.SelectMany(m => m.Migrations).OrderBy(m => m.Version)];
        Tables = [.. modules.SelectMany(m => m.Tables)];
        Views = [.. modules.SelectMany(m => m.Views)];
        PersonalData = [.. modules.SelectMany(m => m.PersonalData ?? [])];

        // Two modules adding the same version (made in parallel) would leave one of them unapplied wherever the other ran.
        var shared = modules.SelectMany(m => m.Migrations.Select(migration => (Module: m.Name, migration.Version)))
            .GroupBy(m => m.Version).Where(g => g.Count() > 1).ToList();
        if (shared.Count > 0)
        {
            throw new ArgumentException("Migration versions must be unique across modules: "
                + string.Join("; ", shared.Select(g => $"{g.Key} in {string.Join(" and ", g.Select(m => m.Module))}")), nameof(modules));
        }

        var names = Tables.Select(t => t.Name).Concat(Views.Select(v => v.Name)).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (names.Count > 0)
        {
            throw new ArgumentException($"Tables and views are declared by more than one module: {string.Join(", ", names)}", nameof(modules));
        }
    }

    public IReadOnlyList<SchemaModule> Modules { get; }

    /// <summary>Every module's migrations, in version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    public IReadOnlyList<TableSpec> Tables { get; }

    public IReadOnlyList<MaterializedViewSpec> Views { get; }

    /// <summary>The modules' copies of personal data (<see cref="SchemaModule.PersonalData"/>), which an erasure reaches first.</summary>
    public IReadOnlyList<PersonalDataTable> PersonalData { get; }

    /// <summary>The views fed by inserts into <paramref name="source"/> whose rows can be rebuilt by month from it.</summary>
    public IEnumerable<MaterializedViewSpec> RebuildableViewsOf(string source) =>
        Views.Where(v => v.Source == source && v.Bucket is not null);
}
