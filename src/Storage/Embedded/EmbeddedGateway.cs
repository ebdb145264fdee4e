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
    private readonly List<ChdbConnection> _all = [];
    private readonly Lock _allGate = new();
    private bool _disposed;

    private EmbeddedGateway(string libraryPath, string dataPath, string database, int maxConnections)
    {
        _libraryPath = libraryPath;
        _dataPath = dataPath;
        Database = database;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    public StorageBackend Backend => StorageBackend.Embedded;

    public string Database { get; }

    /// <summary>The engine's version string.</summary>
    public static string EngineVersion => ChdbEngine.Version;

    /// <summary>Opens the engine on <paramref name="dataPath"/> and creates <paramref name="database"/> if it is missing.</summary>
    public static async Task<EmbeddedGateway> OpenAsync(string libraryPath, string dataPath, string database, int maxConnections = 4)
    {
        Identifiers.Quote(database);
        var gateway = new EmbeddedGateway(libraryPath, Path.GetFullPath(dataPath), database, maxConnections);
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

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c =>
        {
            c.Execute(sql, parameters);
            return 0;
        }, cancellationToken);

    public async IAsyncEnumerable<ClickHouseRow> QueryAsync(
        string sql, QueryParameters? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await RentAsync(cancellationToken);
        try
        {
            // Blocks are fetched on a pool thread so a long query never blocks the caller's thread.
            using var rows = connection.Query(sql, parameters, cancellationToken).GetEnumerator();
            while (await Task.Run(rows.MoveNext, cancellationToken))
            {
                yield return rows.Current;
            }
        }
        finally
        {
            Return(connection);
        }
    }

    public async Task<long> InsertAsync(
        string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        var types = await ColumnTypesAsync(table, columns, cancellationToken);
        var encoder = new RowBinaryEncoder(columns, types);
        var statement = $"INSERT INTO {Identifiers.QuoteQualified(table)} ({string.Join(", ", columns.Select(Identifiers.Quote))})";
        return await WithConnectionAsync(c => c.Insert(statement, encoder, rows, cancellationToken), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_allGate)
        {
            foreach (var connection in _all)
            {
                connection.Dispose();
            }

            _all.Clear();
        }

        await Task.CompletedTask;
    }

    private async Task<IReadOnlyList<string>> ColumnTypesAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var parts = table.Split('.', 2);
        var (database, name) = parts.Length == 2 ? (parts[0], parts[1]) : (Database, parts[0]);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new QueryParameters().Add("db", database).Add("table", name);
        await foreach (var row in QueryAsync(
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

    private async Task<T> WithConnectionAsync<T>(Func<ChdbConnection, T> work, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken);
        try
        {
            return await Task.Run(() => work(connection), cancellationToken);
        }
        finally
        {
            Return(connection);
        }
    }

    private async Task<ChdbConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        try
        {
            connection = new ChdbConnection(_libraryPath, _dataPath);
            connection.Execute($"CREATE DATABASE IF NOT EXISTS {Identifiers.Quote(Database)}", null);
            connection.Execute($"USE {Identifiers.Quote(Database)}", null);
            lock (_allGate)
            {
                _all.Add(connection);
            }

            return connection;
        }
        catch
        {
            connection?.Dispose();
            _slots.Release();
            throw;
        }
    }

    private void Return(ChdbConnection connection)
    {
        _idle.Add(connection);
        _slots.Release();
    }
}
