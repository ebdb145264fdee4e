using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.Storage;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;

namespace Analytics.Bench;

/// <summary>
/// Bulk insert of N event rows through the gateway (RowBinary streamed into chDB) against the engine's own
/// <c>INSERT INTO events SELECT ... FROM file('events.ndjson', JSONEachRow)</c> of the same rows, in the same run,
/// into the real <c>events</c> table with its rollup view attached. Rows are built before the clock starts for both.
/// </summary>
public static class StorageInsertBenchmark
{
    private const int Rounds = 5;

    private static readonly string[] Columns =
        ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "contact_id", "anonymous_id", "campaign", "source", "url", "properties"];

    public static async Task RunAsync(int rowCount)
    {
        var folder = Directory.CreateTempSubdirectory("analytics-bench-").FullName;
        var ndjson = Path.Combine(folder, "events.ndjson");
        try
        {
            var rows = Generate(rowCount).ToList();
            await WriteNdjsonAsync(rows, ndjson);
            await using var gateway = await BenchSupport.OpenMigratedAsync(Path.Combine(folder, "data"), "bench");

            // The plain table isolates the gateway's own cost; the real table adds the rollup view, which both sides pay.
            await gateway.ExecuteAsync("CREATE TABLE IF NOT EXISTS events_plain AS events");
            Console.WriteLine($"storage insert benchmark: {rowCount:N0} event rows, best of {Rounds} rounds each, chDB {EmbeddedGateway.EngineVersion}");
            await MeasureAsync(gateway, "events_plain", "events table alone", rows, ndjson);
            await MeasureAsync(gateway, "events", "events table with its rollup view", rows, ndjson);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(IClickHouseGateway gateway, string table, string label, List<object?[]> rows, string ndjson)
    {
        var engineSql = $"""
            INSERT INTO {table} ({string.Join(", ", Columns)})
            SELECT {string.Join(", ", Columns)} FROM file('{ndjson}', JSONEachRow,
                'event_id String, timestamp DateTime64(3, \'UTC\'), received_at DateTime64(3, \'UTC\'), channel String, type String, account_id String, contact_id String, anonymous_id String, campaign String, source String, url String, properties String')
            """;
        var engineTimes = new List<double>();
        var gatewayTimes = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            engineTimes.Add(await TimeAsync(gateway, table, rows.Count, () => gateway.ExecuteAsync(engineSql)));
            gatewayTimes.Add(await TimeAsync(gateway, table, rows.Count, () => gateway.InsertAsync(table, Columns, rows)));
        }

        var engine = engineTimes.Min();
        var ours = gatewayTimes.Min();
        Console.WriteLine($"{label}:");
        Console.WriteLine($"  engine  INSERT ... SELECT FROM file(JSONEachRow): {engine:F2} s  ({rows.Count / engine:N0} rows/s)  rounds: {Format(engineTimes)}");
        Console.WriteLine($"  gateway InsertAsync (RowBinary stream):           {ours:F2} s  ({rows.Count / ours:N0} rows/s)  rounds: {Format(gatewayTimes)}");
        Console.WriteLine($"  ratio gateway rate / engine rate: {engine / ours:F2} (target >= 0.80)");
    }

    private static string Format(IEnumerable<double> times) => string.Join(" ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Times one insert after emptying the table, and checks every row arrived.</summary>
    private static async Task<double> TimeAsync(IClickHouseGateway gateway, string table, int expected, Func<Task> insert)
    {
        await gateway.ExecuteAsync($"TRUNCATE TABLE {table}");
        await gateway.ExecuteAsync("TRUNCATE TABLE account_engagement_daily");
        var clock = Stopwatch.StartNew();
        await insert();
        var seconds = clock.Elapsed.TotalSeconds;
        await foreach (var row in gateway.QueryAsync($"SELECT count() FROM {table}"))
        {
            if (row.Get<ulong>(0) != (ulong)expected)
            {
                throw new InvalidOperationException($"expected {expected} rows, found {row[0]}");
            }
        }

        return seconds;
    }

    private static IEnumerable<object?[]> Generate(int count)
    {
        var random = new Random(42);
        string[] channels = ["web", "email", "ad", "event", "other"];
        string[] types = ["page_view", "open", "click", "impression", "form_submit"];
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMilliseconds(random.NextInt64(0, 365L * 24 * 3600 * 1000));
            var account = random.Next(50_000);
            yield return
            [
                $"evt-{i:D9}", at, at.AddSeconds(2), channels[random.Next(channels.Length)], types[random.Next(types.Length)],
                $"acct-{account:D5}", $"ct-{account:D5}-{random.Next(20)}", $"anon-{random.Next(1_000_000)}",
                $"campaign-{random.Next(200)}", random.Next(2) == 0 ? "google/cpc" : "newsletter",
                $"https://example.com/{(random.Next(10) == 0 ? "pricing" : "blog")}/{random.Next(500)}",
                $"{{\"utm_term\":\"term {random.Next(100)}\"}}",
            ];
        }
    }

    private static async Task WriteNdjsonAsync(IEnumerable<object?[]> rows, string path)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var row in rows)
        {
            var record = new Dictionary<string, object?>(Columns.Length);
            for (var i = 0; i < Columns.Length; i++)
            {
                record[Columns[i]] = row[i] is DateTime t ? t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) : row[i];
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(record));
        }
    }
}
