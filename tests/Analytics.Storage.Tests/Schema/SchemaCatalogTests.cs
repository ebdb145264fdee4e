using Analytics.Api.Hosting;

namespace Analytics.Storage.Tests.Schema;

/// <summary>The modules' schemas put together: one history, no version or table claimed twice.</summary>
public sealed class SchemaCatalogTests
{
    private static Migration Step(int version) => new(version, $"step {version}", _ => []);

    private static TableSpec Table(string name) => new(name, ["id UInt32"], "MergeTree", "id");

    [Fact]
    public void The_migrations_of_every_module_form_one_history_in_version_order()
    {
        var catalog = new SchemaCatalog(new SchemaModule("a", [Table("a")], [], [Step(1), Step(4)]), new SchemaModule("b", [Table("b")], [], [Step(2), Step(3)]));

        Assert.Equal([1, 2, 3, 4], catalog.Migrations.Select(m => m.Version));
        Assert.Equal(["a", "b"], catalog.Tables.Select(t => t.Name));
    }

    /// <summary>Two modules adding the same version in parallel: wherever one ran first, the other would never run.</summary>
    [Fact]
    public void A_version_used_by_two_modules_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SchemaCatalog(new SchemaModule("ingestion", [], [], [Step(11)]), new SchemaModule("reports", [], [], [Step(11)])));

        Assert.StartsWith("Migration versions must be unique across modules: 11 in ingestion and reports", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_declared_by_two_modules_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SchemaCatalog(new SchemaModule("a", [Table("events")], [], []), new SchemaModule("b", [Table("events")], [], [])));

        Assert.StartsWith("Tables and views are declared by more than one module: events", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_servers_schema_is_consistent() =>
        Assert.Equal(ApplicationSchema.Catalog.Migrations.Count, ApplicationSchema.Catalog.Migrations.Select(m => m.Version).Distinct().Count());
}
