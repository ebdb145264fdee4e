namespace Analytics.Storage;

/// <summary>
/// The gateway services receive: it forwards to the one <see cref="StorageRuntime"/> opens as the host starts, so a
/// service may be built (hosted services are built before the host starts) before storage is open. The runtime owns
/// the real gateway and closes it; disposing this does nothing.
/// </summary>
internal sealed class RuntimeGateway(StorageRuntime runtime) : IClickHouseGateway
{
    public StorageBackend Backend => runtime.Gateway.Backend;

    public string Database => runtime.Gateway.Database;

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        runtime.Gateway.ExecuteAsync(sql, parameters, cancellationToken);

    public IAsyncEnumerable<ClickHouseRow> QueryAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        runtime.Gateway.QueryAsync(sql, parameters, cancellationToken);

    public Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        runtime.Gateway.InsertAsync(table, columns, rows, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
