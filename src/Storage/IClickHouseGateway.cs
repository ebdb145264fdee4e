namespace Analytics.Storage;

/// <summary>
/// The one way into ClickHouse: run statements, stream query rows back, bulk-insert rows.
/// Implemented by the embedded engine (chDB) and by a ClickHouse server over HTTP; both speak the same SQL.
/// </summary>
/// <remarks>
/// Values are always passed as typed placeholders (<c>{from:DateTime64(3)}</c>) with <see cref="QueryParameters"/>;
/// user input never becomes SQL text. Errors from the engine surface as <see cref="ClickHouseException"/>.
/// </remarks>
public interface IClickHouseGateway : IAsyncDisposable
{
    /// <summary>Which engine answers.</summary>
    StorageBackend Backend { get; }

    /// <summary>The database every unqualified table name refers to.</summary>
    string Database { get; }

    /// <summary>Runs a statement that returns no rows (DDL, INSERT ... SELECT, ALTER ...).</summary>
    Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a query and streams its rows back as they arrive. Read a small result to its end: leaving a stream early
    /// stops the query, and the embedded engine then closes the connection it ran on (opening another costs 300-400 ms,
    /// during which other queries wait).
    /// </summary>
    IAsyncEnumerable<ClickHouseRow> QueryAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts rows into <paramref name="table"/>; each row holds one value per column of <paramref name="columns"/>,
    /// in that order. Values are converted to the column types of the table. Returns the number of rows written.
    /// </summary>
    Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default);
}

/// <summary>The storage engines the gateway can run on.</summary>
public enum StorageBackend
{
    /// <summary>chDB, the ClickHouse engine as a library inside this process.</summary>
    Embedded,

    /// <summary>A ClickHouse server or cluster reached over HTTP.</summary>
    Server,
}
