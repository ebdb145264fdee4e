namespace Analytics.Storage.Schema;

/// <summary>
/// One module's part of the schema: the tables and materialized views it owns, and the migrations that made them.
/// Storage applies the migrations of every module (<see cref="SchemaCatalog"/>) and knows none of their tables.
/// </summary>
/// <param name="Name">The module, for messages.</param>
/// <param name="Tables">Its tables as they are now.</param>
/// <param name="Views">Its materialized views as they are now; a view's rows are rebuilt from its source by the months of its bucket.</param>
/// <param name="Migrations">Its steps of the schema's history; a version number belongs to one module.</param>
/// <param name="PersonalData">
/// Its tables that copy what a person or an account said or did from another module's tables, and how to find those
/// rows when they are erased; in the order to erase them, before the tables they copy from.
/// </param>
public sealed record SchemaModule(
    string Name,
    IReadOnlyList<TableSpec> Tables,
    IReadOnlyList<MaterializedViewSpec> Views,
    IReadOnlyList<Migration> Migrations,
    IReadOnlyList<PersonalDataTable>? PersonalData = null);

/// <summary>
/// A table holding copies of personal data: <paramref name="Key"/> an expression of its rows, and the statements that
/// list the keys of a contact's rows (by email) and of an account's (by id) as <c>{value:String}</c>. They may read the
/// tables copied from, which are erased after this one. (Rows are erased by their keys: the embedded engine hangs on a
/// DELETE whose condition reads other tables with a parameter.)
/// </summary>
public sealed record PersonalDataTable(string Table, string Key, string KeysOfContact, string KeysOfAccount);
