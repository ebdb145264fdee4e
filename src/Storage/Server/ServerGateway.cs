using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Analytics.Storage.Formats;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Analytics.Storage.Server;

/// <summary>
/// The gateway on a ClickHouse server or cluster over HTTP, through ClickHouse.Driver.
/// Transient failures (the server unreachable, a 502/503/504 from a proxy) are retried with exponential backoff.
/// </summary>
public sealed class ServerGateway : IClickHouseGateway
{
    private readonly ClickHouseClient _client;
    private readonly ResiliencePipeline _retry;
    private readonly QueryOptions _queryOptions;

    public ServerGateway(string connectionString, string database, ILogger logger, int retryAttempts = 5)
    {
        Identifiers.Quote(database);
        var settings = new ClickHouseClientSettings(connectionString) { UseCustomDecimals = false };

        // A cancelled request (a GraphQL time limit, a client gone) stops its query on the server instead of letting it run on.
        settings.CustomSettings["cancel_http_readonly_queries_on_client_close"] = 1;
        settings.CustomSettings["use_index_for_in_with_subqueries_max_values"] = QuerySettings.IndexedInSetMaxValues;
        _client = new ClickHouseClient(settings);
        Database = database;
        Endpoint = $"{settings.Protocol}://{settings.Host}:{settings.Port}";
        _queryOptions = new QueryOptions { Database = database };
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = retryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "ClickHouse at {Endpoint} failed transiently; retry {Attempt} in {Delay}",
                        Endpoint, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public StorageBackend Backend => StorageBackend.Server;

    public string Database { get; }

    /// <summary>The server's address, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>Creates the database if it is missing (run against the server's default database).</summary>
    public Task EnsureDatabaseAsync(string? onCluster, CancellationToken cancellationToken) =>
        Run(ct => _client.ExecuteNonQueryAsync(
            $"CREATE DATABASE IF NOT EXISTS {Identifiers.Quote(Database)}{onCluster}", null, new QueryOptions(), ct), cancellationToken);

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Run(ct => _client.ExecuteNonQueryAsync(sql, ToDriver(parameters), _queryOptions, ct), cancellationToken);

    public async IAsyncEnumerable<ClickHouseRow> QueryAsync(
        string sql, QueryParameters? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Only opening the reader is retried: once rows have been handed out, a retry would repeat them.
        using var reader = await Run(ct => _client.ExecuteReaderAsync(sql, ToDriver(parameters), _queryOptions, ct), cancellationToken);
        var types = Enumerable.Range(0, reader.FieldCount).Select(i => ClickHouseType.Parse(reader.GetDataTypeName(i))).ToArray();
        var columns = new ResultColumns(
            Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray(),
            types.Select(t => t.Text).ToArray());
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[types.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ServerValues.Normalize(reader.GetValue(i), types[i]);
            }

            yield return new ClickHouseRow(columns, values);
        }
    }

    /// <summary>
    /// Encodes rows with the same RowBinaryWithDefaults encoder as the embedded engine (so a null asks for the column's
    /// DEFAULT and a bad value names its column on both backends) and sends them in requests of
    /// <see cref="RowsPerRequest"/> rows. A batch is encoded whole before it is sent, so a bad row sends nothing of it.
    /// </summary>
    public async Task<long> InsertAsync(
        string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        var qualified = table.Contains('.', StringComparison.Ordinal) ? table : $"{Database}.{table}";
        var types = await TableColumns.TypesAsync(this, qualified, columns, cancellationToken);
        var encoder = new RowBinaryEncoder(columns, types);
        var quotedTable = Identifiers.QuoteQualified(qualified);
        var quotedColumns = columns.Select(Identifiers.Quote).ToList();
        var sink = new ByteSink();
        long written = 0;
        foreach (var batch in rows.Chunk(RowsPerRequest))
        {
            sink.Clear();
            for (var i = 0; i < batch.Length; i++)
            {
                try
                {
                    encoder.WriteRow(sink, batch[i]);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Row {written + i}: {e.Message}", e);
                }
            }

            var body = sink.Written.ToArray();

            // TRICKY: only failures to connect are retried (see IsTransient), so a retry never repeats stored rows.
            using var response = await Run(
                ct => _client.InsertRawStreamAsync(quotedTable, new MemoryStream(body), "RowBinaryWithDefaults", quotedColumns, false, _queryOptions, ct),
                cancellationToken);
            written += batch.Length;
        }

        return written;
    }

    /// <summary>Rows sent in one HTTP request. Default is 100,000.</summary>
    public int RowsPerRequest { get; init; } = 100_000;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async ct => await call(ct), cancellationToken);
        }
        catch (ClickHouseServerException e)
        {
            throw ClickHouseException.FromMessage(e.Message, e) is var mapped && mapped.Code == 0
                ? new ClickHouseException(e.ErrorCode, null, e.Message, e)
                : mapped;
        }
    }

    private static ClickHouseParameterCollection? ToDriver(QueryParameters? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        var collection = new ClickHouseParameterCollection();
        foreach (var (name, value) in parameters)
        {
            collection.Add(new ClickHouseDbParameter { ParameterName = name, Value = value ?? DBNull.Value });
        }

        return collection;
    }

    /// <summary>Failures worth another try: nothing reached the server, or a proxy said it is unavailable.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain } } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        _ => false,
    };
}
