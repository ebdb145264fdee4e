namespace Analytics.Storage.Schema;

/// <summary>
/// One numbered step of the schema, declared by the module whose tables it changes. Its statements must be idempotent:
/// a crash between two leaves nothing to undo. Append new steps with a version no module has used; never change what
/// a shipped step does to a database.
/// </summary>
public sealed record Migration(int Version, string Name, Func<SchemaDialect, IEnumerable<string>> Statements);
