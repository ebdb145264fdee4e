using System.Runtime.CompilerServices;
using Analytics.Storage.Fairness;

namespace Analytics.Storage;

/// <summary>
/// The gateway services receive: it forwards to the one <see cref="StorageRuntime"/> opens as the host starts, so a
/// service may be built (hosted services are built before the host starts) before storage is open. The runtime owns
/// the real gateway and closes it; disposing this does nothing. Statements of an owner (<see cref="EngineWork"/>) run
/// in one of the fair query slots; the server's own go straight through.
/// </summary>
internal sealed class RuntimeGateway(StorageRuntime runtime, FairQuerySlots slots) : IClickHouseGateway
{
    public StorageBackend Backend => runtime.Gateway.Backend;

    public string Database => runtime.Gateway.Database;

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        using var slot = EngineWork.Owner is { } owner ? await slots.AcquireAsync(owner, cancellationToken) : null;
        await runtime.Gateway.ExecuteAsync(sql, parameters, cancellationToken);
    }

    public IAsyncEnumerable<ClickHouseRow> QueryAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        EngineWork.Owner is { } owner
            ? OwnedQueryAsync(owner, sql, parameters, cancellationToken)
            : runtime.Gateway.QueryAsync(sql, parameters, cancellationToken);

    public Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        runtime.Gateway.InsertAsync(table, columns, rows, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async IAsyncEnumerable<ClickHouseRow> OwnedQueryAsync(
        string owner, string sql, QueryParameters? parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var slot = await slots.AcquireAsync(owner, cancellationToken);
        await foreach (var row in runtime.Gateway.QueryAsync(sql, parameters, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
