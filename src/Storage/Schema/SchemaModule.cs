namespace Analytics.Storage.Schema;

/// <summary>
/// One module's part of the schema: the tables and materialized views it owns, and the migrations that made them.
/// Storage applies the migrations of every module (<see cref="SchemaCatalog"/>) and knows none of their tables.
/// </summary>
/// <param name="Name">The module, for messages.</param>
/// <param name="Tables">Its tables as they are now.</param>
/// <param name="Views">Its materialized views as they are now; a view's rows are rebuilt from its source by the months of its bucket.</param>
/// <param name="Migrations">Its steps of the schema's history; a version number belongs to one module.</param>
public sealed record SchemaModule(
    string Name,
    IReadOnlyList<TableSpec> Tables,
    IReadOnlyList<MaterializedViewSpec> Views,
    IReadOnlyList<Migration> Migrations);
