using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Analytics.Storage.Formats;

namespace Analytics.Storage.Embedded;

/// <summary>
/// The gateway on chDB, the ClickHouse engine inside this process, keeping its tables in a data folder.
/// A small pool of native connections lets a query stream while other statements run.
/// </summary>
public sealed class EmbeddedGateway : IClickHouseGateway
{
    private readonly string _libraryPath;
    private readonly string _dataPath;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<ChdbConnection> _idle = [];
    private readonly int _maxConnections;
    private readonly SemaphoreSlim _controlGate = new(1, 1);

    // The tables of this gateway's database that views read from; null when unknown (every insert may change any answer).
    private readonly IReadOnlySet<string>? _viewSources;
    private ChdbConnection? _control;
    private long _connectionsOpened;
    private volatile bool _disposed;

    /// <summary>How long closing waits for statements still running on rented connections.</summary>
    private static readonly TimeSpan InUseGrace = TimeSpan.FromSeconds(30);

    private EmbeddedGateway(string libraryPath, string dataPath, string database, int maxConnections, IReadOnlySet<string>? viewSources)
    {
        _viewSources = viewSources;
        _libraryPath = libraryPath;
        _dataPath = dataPath;
        Database = database;
        _maxConnections = maxConnections;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    public StorageBackend Backend => StorageBackend.Embedded;

    public string Database { get; }

    /// <summary>
    /// How many pooled connections this gateway has opened. A query left early costs its connection, and opening one
    /// takes 300-400 ms during which other queries wait, so callers read small results to the end.
    /// </summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>The engine's version string.</summary>
    public static string EngineVersion => ChdbEngine.Version;

    /// <summary>Stops the engine's threads; see <see cref="ChdbEngine.ShutDown"/>.</summary>
    public static void ShutDownEngine() => ChdbEngine.ShutDown();

    /// <summary>
    /// Opens the engine on <paramref name="dataPath"/> and creates <paramref name="database"/> if it is missing.
    /// <paramref name="viewSources"/> names the tables of the database that materialized views read from (the schema's
    /// <see cref="Schema.SchemaCatalog.Views"/>): an insert into any other table changes only the answers that name it
    /// (<see cref="EngineWrites"/>). Without it, every insert counts as a write that may change any answer.
    /// </summary>
    public static async Task<EmbeddedGateway> OpenAsync(
        string libraryPath, string dataPath, string database, int maxConnections = 4, IReadOnlySet<string>? viewSources = null)
    {
        Identifiers.Quote(database);
        var gateway = new EmbeddedGateway(libraryPath, Path.GetFullPath(dataPath), database, maxConnections, viewSources);
        try
        {
            // The first connection boots the engine; it must be able to create the database it will USE.
            await gateway.WithConnectionAsync(_ => 0, CancellationToken.None);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        using var write = EngineWrites.Begin();
        await KillableAsync(sql, cancellationToken, tagged => WithConnectionAsync(c =>
        {
            c.Execute(tagged, parameters);
            return 0;
        }, cancellationToken));
    }

    public async IAsyncEnumerable<ClickHouseRow> QueryAsync(
        string sql, QueryParameters? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await RentAsync(cancellationToken);
        var healthy = false;
        var (tagged, tag) = Tagged(sql);
        using var kill = KillOnCancel(tag, cancellationToken);
        try
        {
            // Blocks are fetched on a pool thread so a long query never blocks the caller's thread.
            using var rows = connection.Query(tagged, parameters, cancellationToken).GetEnumerator();
            while (await CancelledAsOperationCanceled(Task.Run(rows.MoveNext, cancellationToken), cancellationToken))
            {
                yield return rows.Current;
            }

            healthy = true;
        }
        finally
        {
            Return(connection, healthy);
        }
    }

    public async Task<long> InsertAsync(
        string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        var types = await TableColumns.TypesAsync(this, table, columns, cancellationToken);
        var encoder = new RowBinaryEncoder(columns, types);
        var statement = TableColumns.InsertStatement(table, columns);
        // A table no view reads from (a key's uses, say) changes only the answers that name it.
        using var write = FeedsViews(table) ? EngineWrites.Begin() : EngineWrites.BeginTable(table);
        return await WithConnectionAsync(c => c.Insert(statement, encoder, rows, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Whether a view may read what is inserted into <paramref name="table"/>: known from the schema, never asked of the
    /// engine (a look at <c>system.tables</c> before each insert made the test suite three times slower).
    /// </summary>
    private bool FeedsViews(string table)
    {
        var (database, name) = TableColumns.DatabaseAndName(table, Database);
        return _viewSources is null || database != Database || _viewSources.Contains(name);
    }

    /// <summary>Runs SQL and returns the engine's output in <paramref name="format"/>, parameters given as text (the HTTP interface's form).</summary>
    /// <remarks>Any statement may come this way, so each counts as a write (<see cref="EngineWrites"/>).</remarks>
    internal async Task<byte[]> QueryRawAsync(string sql, IReadOnlyList<KeyValuePair<string, string>> textParameters, string format, CancellationToken cancellationToken)
    {
        using var write = EngineWrites.Begin();
        return await KillableAsync(sql, cancellationToken, tagged => WithConnectionAsync(c => c.QueryRaw(tagged, textParameters, format), cancellationToken));
    }

    /// <summary>Inserts rows already encoded in <paramref name="format"/>.</summary>
    internal async Task InsertRawAsync(string insertStatement, string format, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var write = EngineWrites.Begin();
        await WithConnectionAsync(c =>
        {
            c.InsertRaw(insertStatement, format, data.Span);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Closes the pool. TRICKY: closing a native connection while another thread runs a statement on it crashes the
    /// process (a test host stopping while a background service still queried was seen to die this way), so the idle
    /// connections close now, a connection in use closes when its statement returns it, and this waits a while for
    /// those to come back.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CloseIdle();

        // Every slot free means every rented connection came back (and was closed by Return, or put back idle by a
        // Return that raced with the flag: closed below).
        for (var slot = 0; slot < _maxConnections; slot++)
        {
            if (!await _slots.WaitAsync(InUseGrace))
            {
                break;
            }
        }

        CloseIdle();
        if (await _controlGate.WaitAsync(InUseGrace))
        {
            _control?.Dispose();
            _control = null;
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var idle))
        {
            idle.Dispose();
        }
    }

    /// <summary>
    /// A native call cannot be interrupted from its own thread, so every statement starts with a comment naming it, and
    /// cancelling its token kills it (<c>KILL QUERY</c>) from a connection kept for that, outside the pool, so it never
    /// waits behind the very statements it is meant to stop. The cancelled caller gets an OperationCanceledException.
    /// </summary>
    private async Task<T> KillableAsync<T>(string sql, CancellationToken cancellationToken, Func<string, Task<T>> run)
    {
        var (tagged, tag) = Tagged(sql);
        using var kill = KillOnCancel(tag, cancellationToken);
        return await CancelledAsOperationCanceled(run(tagged), cancellationToken);
    }

    private static (string Tagged, string Tag) Tagged(string sql)
    {
        var tag = $"/* gateway query {Guid.NewGuid():N} */";
        return ($"{tag} {sql}", tag);
    }

    private CancellationTokenRegistration KillOnCancel(string tag, CancellationToken cancellationToken) =>
        cancellationToken.Register(() => _ = Task.Run(() => KillAsync(tag)));

    private async Task KillAsync(string tag)
    {
        await _controlGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _control ??= new ChdbConnection(_libraryPath, _dataPath);
            _control.Execute($"KILL QUERY WHERE startsWith(query, '{tag}') ASYNC", null);
        }
        catch (ClickHouseException)
        {
            // The control connection errored: open a fresh one next time. The statement ends by itself anyway.
            _control?.Dispose();
            _control = null;
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>A statement killed because its token was cancelled fails as cancelled, not as an engine error.</summary>
    private static async Task<T> CancelledAsOperationCanceled<T>(Task<T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work;
        }
        catch (ClickHouseException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The statement was cancelled.", e, cancellationToken);
        }
    }

    private async Task<T> WithConnectionAsync<T>(Func<ChdbConnection, T> work, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken);
        var healthy = false;
        try
        {
            var result = await Task.Run(() => work(connection), cancellationToken);
            healthy = true;
            return result;
        }
        finally
        {
            Return(connection, healthy);
        }
    }

    private async Task<ChdbConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        if (_disposed)
        {
            _slots.Release();
            throw new ObjectDisposedException(nameof(EmbeddedGateway));
        }

        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        try
        {
            connection = new ChdbConnection(_libraryPath, _dataPath);
            Interlocked.Increment(ref _connectionsOpened);
            connection.Execute($"CREATE DATABASE IF NOT EXISTS {Identifiers.Quote(Database)}", null);
            connection.Execute($"USE {Identifiers.Quote(Database)}", null);
            return connection;
        }
        catch
        {
            connection?.Dispose();
            _slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Puts a connection back in the pool, or closes it when its last statement failed or the pool is closing.
    /// TRICKY: after a query fails part-way, chDB 26.7 can keep the failed statement's partial output on the
    /// connection and prepend it to the next result (seen with RowBinaryWithNamesAndTypes: the next answer carried the
    /// failed query's header). A connection that saw an error is therefore never reused.
    /// </summary>
    private void Return(ChdbConnection connection, bool healthy)
    {
        if (healthy && !_disposed)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }

        _slots.Release();
    }
}
