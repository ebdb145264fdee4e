namespace Analytics.Storage;

/// <summary>Reads a table's column types from <c>system.columns</c>, which both backends answer the same way.</summary>
internal static class TableColumns
{
    /// <summary>The ClickHouse types of <paramref name="columns"/> of <paramref name="table"/>, in that order.</summary>
    public static async Task<IReadOnlyList<string>> TypesAsync(
        IClickHouseGateway gateway, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var (database, name) = DatabaseAndName(table, gateway.Database);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new QueryParameters().Add("db", database).Add("table", name);
        await foreach (var row in gateway.QueryAsync(
            "SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {table:String}", parameters, cancellationToken))
        {
            types[row.Get<string>(0)] = row.Get<string>(1);
        }

        if (types.Count == 0)
        {
            throw new ClickHouseException(60, "UNKNOWN_TABLE", $"Table {database}.{name} does not exist.");
        }

        return columns.Select(c => types.TryGetValue(c, out var type)
            ? type
            : throw new ClickHouseException(16, "NO_SUCH_COLUMN_IN_TABLE", $"Table {database}.{name} has no column '{c}'.")).ToList();
    }

    /// <summary>The database and name of <c>db.table</c>, or of <c>table</c> in <paramref name="defaultDatabase"/>.</summary>
    public static (string Database, string Name) DatabaseAndName(string table, string defaultDatabase)
    {
        var parts = table.Split('.', 2);
        return parts.Length == 2 ? (parts[0], parts[1]) : (defaultDatabase, parts[0]);
    }

    /// <summary><c>INSERT INTO `db`.`table` (`a`, `b`)</c> for the given columns.</summary>
    public static string InsertStatement(string qualifiedTable, IReadOnlyList<string> columns) =>
        $"INSERT INTO {Identifiers.QuoteQualified(qualifiedTable)} ({string.Join(", ", columns.Select(Identifiers.Quote))})";
}
