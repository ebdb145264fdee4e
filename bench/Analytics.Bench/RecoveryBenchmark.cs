using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Ingestion.Spool;
using Analytics.Storage.Embedded;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Bench;

/// <summary>
/// Crash recovery against normal ingestion, in one run on one data folder. The real server (its own process, embedded
/// engine) first stores a normal load of Segment page views, timed from the first request until the spool is empty
/// (the normal rate). Then 4 clients send as fast as they can until the spool holds the backlog asked for (the writer
/// lags behind the acknowledgements), and the server is killed with SIGKILL at once. It is started again on the same
/// folder and timed until the spool is empty again (the replay rate: entries left in the spool at the kill, over the time
/// from the restarted server's first healthy answer). Finally every acknowledged event must be stored exactly once and
/// the rollups must agree with the events.
/// </summary>
public static class RecoveryBenchmark
{
    private const int Clients = 4;
    private const int BurstBatches = 1_200;

    public static async Task RunAsync(int backlogMegabytes, int normalEvents)
    {
        var folder = HostSettings.NewDataFolder();
        var settings = HostSettings.Embedded(folder);
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        // Each stored batch with its time, in the log: the profile of where the replay spends it.
        settings["Serilog:MinimumLevel:Override:Analytics.Ingestion.Writing.SpoolWriter"] = "Debug";
        var backlogTarget = backlogMegabytes * 1024L * 1024;
        var normal = IngestionBenchmark.Batches(normalEvents, "normal").ToList();
        var burst = IngestionBenchmark.Batches(BurstBatches * 500, "burst").ToList();

        double normalSeconds;
        List<int> acknowledged;
        string firstLog;
        await using (var server = await ServerProcess.StartAsync(settings))
        {
            var clock = Stopwatch.StartNew();
            await IngestionBenchmark.SendAsync(server, normal, Clients, perSecond: null, latencies: null);
            await WaitDrainedAsync(server, TimeSpan.FromMinutes(10));
            normalSeconds = clock.Elapsed.TotalSeconds;
            acknowledged = await BurstAsync(server, burst, backlogTarget);
            firstLog = server.Output;
        }

        var (entries, bytes) = Backlog(Path.Combine(folder, "spool"));

        var restartClock = Stopwatch.StartNew();
        var healths = new List<string>();
        double healthySeconds, drainedSeconds;
        string replayLog;
        await using (var restarted = await ServerProcess.StartAsync(settings))
        {
            healthySeconds = restartClock.Elapsed.TotalSeconds;
            while (await PendingBytesAsync(restarted) > 0)
            {
                if (restartClock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException($"The backlog was not stored within 30 minutes:\n{restarted.Output}");
                }

                var health = await IngestionHealthAsync(restarted);
                if (healths.Count == 0 || healths[^1] != health)
                {
                    healths.Add(health);
                }

                await Task.Delay(100);
            }

            drainedSeconds = restartClock.Elapsed.TotalSeconds;
            healths.Add(await IngestionHealthAsync(restarted));
            replayLog = restarted.Output;
            if (await restarted.StopAsync() != 0)
            {
                throw new InvalidOperationException($"The restarted server did not stop cleanly:\n{replayLog}");
            }
        }

        var check = await CheckStoredAsync(folder, normalEvents, acknowledged);
        var normalRate = normalEvents / normalSeconds;
        var replaySeconds = drainedSeconds - healthySeconds;
        var replayRate = entries / replaySeconds;

        Console.WriteLine($"recovery benchmark: backlog target {backlogMegabytes} MiB, Segment page views in batches of 500, {Clients} concurrent clients");
        Console.WriteLine($"  normal  {normalEvents:N0} events sent and stored in {normalSeconds:F2} s  ({normalRate:N0} events/s)");
        Console.WriteLine($"  crash   kill -9 after {acknowledged.Count * 500:N0} burst events acknowledged; {entries:N0} entries ({bytes / (1024.0 * 1024):F1} MiB) in the spool not stored");
        Console.WriteLine($"  replay  restarted, healthy after {healthySeconds:F2} s; backlog stored {replaySeconds:F2} s later  ({replayRate:N0} entries/s)");
        Console.WriteLine($"  ratio replay rate / normal rate: {replayRate / normalRate:F2} (target >= 0.50)");
        Console.WriteLine($"  /healthz ingestion check while replaying, in order: {string.Join(" -> ", healths)}");
        Console.WriteLine($"  stored: {check}");
        Console.WriteLine("  writer batches before the kill (ms per batch):");
        PrintBatches(firstLog);
        Console.WriteLine("  writer log after the restart:");
        PrintBatches(replayLog);
    }

    /// <summary>Sends batches from 4 clients until the spool's backlog reaches the target, then kills the server; returns the acknowledged batches.</summary>
    private static async Task<List<int>> BurstAsync(ServerProcess server, List<IngestionBenchmark.Batch> batches, long backlogTarget)
    {
        var acknowledged = new List<int>();
        var next = -1;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < batches.Count)
            {
                try
                {
                    using var response = await IngestionBenchmark.PostAsync(server, batches[index].Json);
                    if (response.IsSuccessStatusCode)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add(index);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    return; // killed under us: not acknowledged
                }
            }
        })).ToArray();

        while (!clients.All(c => c.IsCompleted) && await PendingBytesAsync(server) < backlogTarget)
        {
            await Task.Delay(20);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        return acknowledged;
    }

    /// <summary>Entries and bytes the spool holds past its checkpoint (what a restart must replay).</summary>
    private static (int Entries, long Bytes) Backlog(string spoolFolder)
    {
        var spool = DurableSpool.Open(spoolFolder, new SpoolOptions(), NullLogger.Instance);
        try
        {
            return (spool.Read(spool.Checkpoint, int.MaxValue).Count, spool.PendingBytes);
        }
        finally
        {
            spool.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<string> CheckStoredAsync(string folder, int normalEvents, List<int> acknowledged)
    {
        await using var gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, folder, "analytics");
        var parameters = new Analytics.Storage.QueryParameters().Add("batches", acknowledged.Select(b => (uint)b).ToArray());
        const string sql = """
            SELECT
                countIf(startsWith(event_id, 'normal-')),
                countIf(startsWith(event_id, 'burst-') AND intDiv(toUInt32(substring(event_id, 7)), 500) IN {batches:Array(UInt32)}),
                count(),
                uniqExact(event_id)
            FROM events
            """;
        ulong normal = 0, burst = 0, all = 0, distinct = 0;
        await foreach (var row in gateway.QueryAsync(sql, parameters))
        {
            (normal, burst, all, distinct) = (row.Get<ulong>(0), row.Get<ulong>(1), row.Get<ulong>(2), row.Get<ulong>(3));
        }

        RollupTotals? totals = null;
        await foreach (var row in gateway.QueryAsync(RollupTotals.Sql))
        {
            totals = RollupTotals.From(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray());
        }

        var expectedBurst = (ulong)acknowledged.Count * 500;
        if (normal != (ulong)normalEvents || burst != expectedBurst || all != distinct || totals != totals!.Agreeing())
        {
            throw new InvalidOperationException(
                $"Lost or doubled events: normal {normal} of {normalEvents}, acknowledged burst {burst} of {expectedBurst}, {all} rows for {distinct} ids; rollups {totals}");
        }

        return $"every acknowledged event once ({normal + burst:N0} of {all:N0} rows, {distinct:N0} distinct ids, the rest sent but unanswered at the kill); rollups agree with the events";
    }

    private static async Task WaitDrainedAsync(ServerProcess server, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await PendingBytesAsync(server) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The spool did not drain within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The spool's bytes not yet stored, from the server's Prometheus gauge.</summary>
    private static async Task<long> PendingBytesAsync(ServerProcess server)
    {
        const string gauge = "analytics_ingestion_spool_pending_bytes ";
        var text = await server.Client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(gauge, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/metrics has no spool gauge");
        return (long)double.Parse(line[gauge.Length..], CultureInfo.InvariantCulture);
    }

    private static async Task<string> IngestionHealthAsync(ServerProcess server)
    {
        using var response = await server.Client.GetAsync("/healthz");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = report.RootElement.GetProperty("checks").GetProperty("ingestion");
        return $"{check.GetProperty("status").GetString()} ({check.GetProperty("Description").GetString()})";
    }

    /// <summary>The writer's log lines (stored batches, replays, failures), shortened.</summary>
    private static void PrintBatches(string log)
    {
        var writer = log.Split('\n').Where(l => !l.Contains("Health check", StringComparison.Ordinal)
            && (l.Contains("spooled entries", StringComparison.Ordinal) || l.Contains("Replay", StringComparison.Ordinal) || l.Contains("Recover", StringComparison.Ordinal)));
        foreach (var line in writer)
        {
            Console.WriteLine("    " + line.Trim());
        }
    }
}
