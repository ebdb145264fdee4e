using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Storage;
using Analytics.Storage.Schema;
using Analytics.Testing;

namespace Analytics.Bench;

/// <summary>
/// HTTP ingestion end to end: N events sent as Segment batches of 500 by 4 concurrent clients to the real server (its
/// own process, embedded engine), timed until every batch is acknowledged and every event is queryable in ClickHouse;
/// against the engine's own JSONEachRow insert of the same events into the same table, in the same run. Then the
/// acknowledgement latency at half the measured rate, and the server's peak memory.
/// </summary>
public static class IngestionBenchmark
{
    private const int BatchSize = 500;
    private const int Clients = 4;

    public static async Task RunAsync(int eventCount)
    {
        var batches = Batches(eventCount, "bench").ToList();
        var engineSeconds = await EngineInsertAsync(batches);

        var folder = HostSettings.NewDataFolder();
        var settings = HostSettings.Embedded(folder);
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        await using var server = await ServerProcess.StartAsync(settings);
        var clock = Stopwatch.StartNew();
        await SendAsync(server, batches, Clients, perSecond: null, latencies: null);
        var acknowledged = clock.Elapsed.TotalSeconds;
        await WaitQueryableAsync(server, eventCount);
        var ours = clock.Elapsed.TotalSeconds;
        var rate = eventCount / ours;

        // Latency at half the sustained rate: batches go out on a fixed schedule, whatever the answers do.
        var latencyBatches = Batches(Math.Min(eventCount, 200_000), "latency").ToList();
        var latencies = new List<double>();
        await SendAsync(server, latencyBatches, Clients, perSecond: rate / 2 / BatchSize, latencies);
        latencies.Sort();
        var peak = server.PeakMemoryBytes;
        await server.StopAsync();

        Console.WriteLine($"ingestion benchmark: {eventCount:N0} events in Segment batches of {BatchSize}, {Clients} concurrent clients");
        Console.WriteLine($"  engine  INSERT ... SELECT FROM file(JSONEachRow):        {engineSeconds:F2} s  ({eventCount / engineSeconds:N0} events/s)");
        Console.WriteLine($"  server  HTTP, acknowledged in {acknowledged:F2} s, all queryable: {ours:F2} s  ({rate:N0} events/s)");
        Console.WriteLine($"  ratio server rate / engine rate: {engineSeconds / ours:F2} (target >= 0.50)");
        Console.WriteLine($"  at half that rate ({rate / 2:N0} events/s, {latencyBatches.Count} batches): acknowledgement p50 {BenchSupport.Percentile(latencies, 0.50):F1} ms, p99 {BenchSupport.Percentile(latencies, 0.99):F1} ms");
        Console.WriteLine($"  server peak memory (VmHWM): {peak / (1024.0 * 1024):N0} MiB");
    }

    internal sealed record Batch(string Json, string[] EngineRows);

    /// <summary>Segment batches of <see cref="BatchSize"/> page views with ids <c>prefix-00000000</c> on, and the same events as rows of <c>events</c>.</summary>
    internal static IEnumerable<Batch> Batches(int eventCount, string prefix)
    {
        var random = new Random(7);
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        for (var first = 0; first < eventCount; first += BatchSize)
        {
            var messages = new JsonArray();
            var rows = new List<string>();
            for (var i = first; i < Math.Min(first + BatchSize, eventCount); i++)
            {
                var at = start.AddSeconds(random.Next(0, 300 * 24 * 3600)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                var account = $"acct-{random.Next(50_000):D5}";
                var url = $"https://vendor.example/{(random.Next(10) == 0 ? "pricing" : "blog")}/{random.Next(500)}";
                var id = $"{prefix}-{i:D8}";
                var anonymous = $"anon-{random.Next(1_000_000)}";
                messages.Add(new JsonObject
                {
                    ["type"] = "page", ["messageId"] = id, ["anonymousId"] = anonymous, ["timestamp"] = at,
                    ["context"] = new JsonObject { ["groupId"] = account, ["page"] = new JsonObject { ["url"] = url } },
                    ["properties"] = new JsonObject { ["url"] = url, ["title"] = "Blog post" },
                });
                rows.Add(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["event_id"] = id, ["timestamp"] = at.Replace('T', ' ').TrimEnd('Z'), ["received_at"] = at.Replace('T', ' ').TrimEnd('Z'),
                    ["channel"] = "web", ["type"] = "page_view", ["account_id"] = account, ["anonymous_id"] = anonymous, ["url"] = url,
                    ["properties"] = $"{{\"url\":\"{url}\",\"title\":\"Blog post\"}}",
                }));
            }

            yield return new Batch(new JsonObject { ["batch"] = messages }.ToJsonString(), rows.ToArray());
        }
    }

    /// <summary>The engine's own insert of the same events into the same schema (rollup view attached), in this process.</summary>
    private static async Task<double> EngineInsertAsync(List<Batch> batches)
    {
        var folder = Directory.CreateTempSubdirectory("analytics-bench-").FullName;
        try
        {
            var ndjson = Path.Combine(folder, "events.ndjson");
            await File.WriteAllLinesAsync(ndjson, batches.SelectMany(b => b.EngineRows));
            await using var gateway = await BenchSupport.OpenMigratedAsync(Path.Combine(folder, "data"), "bench");
            var clock = Stopwatch.StartNew();
            await gateway.ExecuteAsync($"""
                INSERT INTO events (event_id, timestamp, received_at, channel, type, account_id, anonymous_id, url, properties)
                SELECT * FROM file('{ndjson}', JSONEachRow,
                    'event_id String, timestamp DateTime64(3, \'UTC\'), received_at DateTime64(3, \'UTC\'), channel String, type String, account_id String, anonymous_id String, url String, properties String')
                """);
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task SendAsync(ServerProcess server, List<Batch> batches, int clients, double? perSecond, List<double>? latencies)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                if (perSecond is { } rate && TimeSpan.FromSeconds(index / rate) - clock.Elapsed is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var sent = Stopwatch.GetTimestamp();
                using var response = await PostAsync(server, batches[index].Json);
                response.EnsureSuccessStatusCode();
                if (latencies is not null)
                {
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }
            }
        })));
    }

    /// <summary>Posts one Segment batch with the ingest key.</summary>
    internal static async Task<HttpResponseMessage> PostAsync(ServerProcess server, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        return await server.Client.SendAsync(request);
    }

    private static async Task WaitQueryableAsync(ServerProcess server, int eventCount)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/storage");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
            using var response = await server.Client.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var rows = body.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "events").GetProperty("rows").GetUInt64();
            if (rows >= (ulong)eventCount)
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
