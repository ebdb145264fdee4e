using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Storage;
using Analytics.Storage.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Testing;

/// <summary>
/// ClickHouse's HTTP interface on loopback, answered by the embedded engine, so the server backend (ClickHouse.Driver)
/// can be tested for real on a machine with no ClickHouse server. It understands what the driver sends: the statement
/// in the body (gzip, deflate, brotli or zstd) or in <c>query</c>, <c>param_*</c> values, <c>default_format</c>,
/// <c>database</c>, and bulk inserts as <c>INSERT ... FORMAT RowBinary*</c> followed by the rows.
/// It can be stopped and started again on the same port, to play a server that goes away and comes back.
/// </summary>
public sealed partial class ClickHouseHttpServer : IAsyncDisposable
{
    private static readonly HashSet<string> ProtocolKeys = new(StringComparer.Ordinal)
    {
        "query", "database", "default_format", "query_id", "session_id", "session_timeout", "user", "password",
        "compress", "decompress", "enable_http_compression", "wait_end_of_query", "send_progress_in_http_headers",
    };

    private readonly ConcurrentDictionary<string, Task<EmbeddedGateway>> _databases = new(StringComparer.Ordinal);
    private readonly string _defaultDatabase;
    private WebApplication? _app;

    private ClickHouseHttpServer(string defaultDatabase, int port)
    {
        _defaultDatabase = defaultDatabase;
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>A ClickHouse.Driver connection string for this server.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password=";

    /// <summary>Every statement received, for tests that check what was sent.</summary>
    public ConcurrentQueue<string> Statements { get; } = new();

    /// <summary>Every setting received with a statement, as <c>name = value</c>, for tests that check what was sent.</summary>
    public ConcurrentQueue<string> Settings { get; } = new();

    public static async Task<ClickHouseHttpServer> StartAsync(string defaultDatabase = "default", int port = 0)
    {
        var server = new ClickHouseHttpServer(defaultDatabase, port);
        await server.StartAsync();
        return server;
    }

    /// <summary>Listens again, on the same port as before.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");

        // ClickHouse accepts URLs up to http_max_uri_size (1 MiB by default); Kestrel's own limit is 8 KiB.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 1 << 20;
            kestrel.Limits.MaxRequestHeadersTotalSize = (1 << 20) + (64 << 10);
            kestrel.Limits.MaxRequestBufferSize = 2 << 20;
        });
        _app = builder.Build();
        _app.MapGet("/ping", () => "Ok.\n");
        _app.Map("/", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    /// <summary>Stops listening; clients now get connection refused.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var gateway in _databases.Values)
        {
            await (await gateway).DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var body = await ReadBodyAsync(context.Request);
        var sqlFromUrl = query["query"].ToString();
        var format = query["default_format"].ToString() is { Length: > 0 } f ? f : "TabSeparated";
        var database = query["database"].ToString() is { Length: > 0 } d ? d : _defaultDatabase;
        var parameters = query.Where(q => q.Key.StartsWith("param_", StringComparison.Ordinal))
            .Select(q => KeyValuePair.Create(q.Key["param_".Length..], q.Value.ToString())).ToList();
        var settings = query.Where(q => !ProtocolKeys.Contains(q.Key) && !q.Key.StartsWith("param_", StringComparison.Ordinal))
            .Select(q => $"{q.Key} = {SettingValue(q.Value.ToString())}").ToList();

        try
        {
            var gateway = await _databases.GetOrAdd(database, db => EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, TestEngine.DataPath, db));
            var (statement, data) = SplitStatement(sqlFromUrl, body);
            Statements.Enqueue(statement);
            settings.ForEach(Settings.Enqueue);
            if (InsertPattern().Match(statement) is { Success: true } insert && data is not null)
            {
                await gateway.InsertRawAsync(WithSettings(insert.Groups["insert"].Value, settings), insert.Groups["format"].Value, data.Value, context.RequestAborted);
                context.Response.Headers["X-ClickHouse-Summary"] = "{}";
                return;
            }

            var output = await gateway.QueryRawAsync(WithSettings(statement, settings), parameters, format, context.RequestAborted);
            context.Response.Headers["X-ClickHouse-Format"] = format;
            context.Response.Headers["X-ClickHouse-Timezone"] = "UTC";
            context.Response.Headers["X-ClickHouse-Server-Display-Name"] = "embedded";
            await context.Response.Body.WriteAsync(output, context.RequestAborted);
        }
        catch (ClickHouseException e)
        {
            context.Response.StatusCode = e.Code is 60 or 81 ? 404 : e.Code is 62 or 36 or 47 ? 400 : 500;
            context.Response.Headers["X-ClickHouse-Exception-Code"] = e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync(e.Message + "\n");
        }
    }

    /// <summary>The statement, and for an INSERT with FORMAT the encoded rows that follow it.</summary>
    private static (string Statement, ReadOnlyMemory<byte>? Data) SplitStatement(string sqlFromUrl, byte[] body)
    {
        if (sqlFromUrl.Length > 0)
        {
            return body.Length == 0 ? (sqlFromUrl, null) : (sqlFromUrl, body);
        }

        // The header of an INSERT ends at the first newline after FORMAT name; binary rows follow it.
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 1 << 16));
        var match = InsertPattern().Match(head);
        if (match.Success)
        {
            var end = match.Index + match.Length;
            var statementBytes = body.AsMemory(0, end);
            return (Encoding.UTF8.GetString(statementBytes.Span).TrimEnd(), body.AsMemory(end));
        }

        return (Encoding.UTF8.GetString(body), null);
    }

    private static string WithSettings(string sql, List<string> settings) =>
        settings.Count == 0 ? sql : $"{sql.TrimEnd().TrimEnd(';')} SETTINGS {string.Join(", ", settings)}";

    private static string SettingValue(string value) =>
        long.TryParse(value, out _) || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? value
            : $"'{value.Replace("\\", "\\\\").Replace("'", "\\'")}'";

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        Stream stream = request.Body;
        foreach (var encoding in request.Headers.ContentEncoding.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            stream = encoding switch
            {
                "gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "zstd" => new ZstdSharp.DecompressionStream(stream),
                _ => throw new NotSupportedException($"Content-Encoding {encoding}"),
            };
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex(@"^\s*(?<insert>INSERT\s+INTO\s+.+?)\s+FORMAT\s+(?<format>\w+)[ \t]*\r?\n?", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InsertPattern();
}
