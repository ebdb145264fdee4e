using System.Runtime.CompilerServices;
using Analytics.Storage.Fairness;

namespace Analytics.Storage;

/// <summary>
/// The gateway services receive: it forwards to the one <see cref="StorageRuntime"/> opens as the host starts, so a
/// service may be built (hosted services are built before the host starts) before storage is open. The runtime owns
/// the real gateway and closes it; disposing this does nothing. Statements of an owner (<see cref="EngineWork"/>) run
/// in one of the fair query slots, and their reads of the embedded engine are answered from <see cref="ResultCache"/>
/// while nothing was written since; the server's own go straight through.
/// </summary>
internal sealed class RuntimeGateway(Func<IClickHouseGateway> engine, FairQuerySlots slots, ResultCache answers, TimeProvider clock) : IClickHouseGateway
{
    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
    public RuntimeGateway(StorageRuntime runtime, FairQuerySlots slots, ResultCache answers, TimeProvider clock)
        : this(() => runtime.Gateway, slots, answers, clock)
    {
    }

    public StorageBackend Backend => engine().Backend;

    public string Database => engine().Database;

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        using var slot = EngineWork.Owner is { } owner ? await slots.AcquireAsync(owner, cancellationToken) : null;
        await engine().ExecuteAsync(sql, parameters, cancellationToken);
    }

    public IAsyncEnumerable<ClickHouseRow> QueryAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        EngineWork.Owner is { } owner
            ? OwnedQueryAsync(owner, sql, parameters, cancellationToken)
            : engine().QueryAsync(sql, parameters, cancellationToken);

    public Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        engine().InsertAsync(table, columns, rows, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async IAsyncEnumerable<ClickHouseRow> OwnedQueryAsync(
        string owner, string sql, QueryParameters? parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = answers.Enabled && engine().Backend == StorageBackend.Embedded && ResultCache.IsRead(sql)
            ? ResultCache.KeyOf(sql, parameters)
            : null;
        if (key is not null && answers.Find(key) is { } kept)
        {
            foreach (var row in kept)
            {
                yield return row;
            }

            yield break;
        }

        var generation = key is null ? null : ResultCache.GenerationBeforeRead(sql);
        var readAt = clock.GetUtcNow();
        var rows = key is not null && generation is not null ? new List<ClickHouseRow>() : null;
        using (var slot = await slots.AcquireAsync(owner, cancellationToken))
        {
            await foreach (var row in engine().QueryAsync(sql, parameters, cancellationToken).WithCancellation(cancellationToken))
            {
                if (rows is not null && rows.Count < ResultCache.MaxRowsPerAnswer)
                {
                    rows.Add(row);
                }
                else
                {
                    rows = null;
                }

                yield return row;
            }
        }

        if (rows is not null)
        {
            answers.Keep(key!, sql, generation!.Value, readAt, rows);
        }
    }
}
