using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Testing;

namespace Analytics.Bench;

/// <summary>
/// Fair use under a flood (issue 16, finding 4), on the metrics benchmark's data (its folder, made by <c>metrics</c>):
/// the real server process; one key (admin) sends alias-heavy documents (nine year-long funnels by industry with a weekly
/// trend, just under the complexity limit) from 4 connections, while another key (sales) loads the four dashboards in a
/// loop as the UI does (every panel's query at once, the window of the data's last four weeks), a load a second at most. Runs three times: with the
/// per-key limits lifted and the query slots as many as there may be statements (as before them: first come, first
/// served) and no kept answers, with the defaults but no kept answers (what the fair slots and budgets do alone), and
/// with the defaults. The flood never repeats a document; the dashboards repeat theirs, as people reloading them do.
/// Prints the loads alone, then under the flood (p50/p95), the dashboard panels refused
/// (a load with one counts as failed, not timed), and the flood's answers by status.
/// </summary>
public static class FloodBenchmark
{
    private static readonly DateOnly To = new(2025, 11, 17);
    private const int FloodConnections = 4;
    private const double LoadEveryMilliseconds = 1000;

    /// <summary>
    /// The flood's <paramref name="n"/>th document: each ends its year a day later, so no two are the same statements
    /// and none is answered from kept answers (a flood that repeats itself costs the engine nothing after the first).
    /// </summary>
    private static string FloodDocument(int n)
    {
        var to = new DateOnly(2026, 1, 1).AddDays(-(n % 300));
        return "{ " + string.Join(' ', Enumerable.Range(0, 9).Select(i =>
            $"f{i}: funnel(from: \"{Day(to.AddYears(-1))}\", to: \"{Day(to)}\", groupBy: INDUSTRY, interval: WEEK) {{ stages {{ accounts }} }}")) + " }";
    }

    public static async Task RunAsync(string dataFolder, int seconds, string? onlyPhases = null)
    {
        var dashboards = LoadDashboards();
        var phases = new (string Name, Dictionary<string, string> Limits)[]
        {
            ("limits lifted, no kept answers (before)", new()
            {
                ["GraphQL:MaxComplexity"] = "1000000", ["GraphQL:CostPerMinutePerKey"] = "100000000",
                ["GraphQL:MaxInFlightPerKey"] = "1000", ["GraphQL:QueuedPerKey"] = "10000",
                ["GraphQL:EngineSecondsPerMinutePerKey"] = "1000000", ["Storage:QuerySlots"] = "1000", ["Storage:ResultCacheSeconds"] = "0",
            }),
            ("default limits, no kept answers", new() { ["Storage:ResultCacheSeconds"] = "0" }),
            ("default limits (after)", new()),
        };
        foreach (var (name, limits) in phases.Where(p => onlyPhases is null || p.Name.Contains(onlyPhases, StringComparison.Ordinal)))
        {
            var settings = HostSettings.Embedded(dataFolder);
            settings["Serilog:MinimumLevel:Default"] = "Warning";
            settings["Storage:KeepThreadsForRequests"] = "true";
            foreach (var (key, value) in limits)
            {
                settings[key] = value;
            }

            await using var server = await ServerProcess.StartAsync(settings, TimeSpan.FromMinutes(5));
            // Warm-up, unmeasured, alone: the first loads start the server's background work (the comments' analysis).
            var alone = new List<double>();
            using (var warm = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) })
            {
                for (var round = 0; round < 2; round++)
                {
                    foreach (var dashboard in dashboards)
                    {
                        alone.Add((await LoadAsync(warm, dashboard, CancellationToken.None)).Milliseconds);
                    }
                }
            }

            Console.WriteLine($"{name}: alone, the second round of loads ({string.Join(", ", dashboards.Select(d => d.Id))}): {string.Join(", ", alone.Skip(dashboards.Count).Select(ms => $"{ms:F0}"))} ms");

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var statuses = new List<HttpStatusCode>();
            var sent = 0;
            var flooders = Enumerable.Range(0, FloodConnections).Select(_ => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
                while (!stop.IsCancellationRequested)
                {
                    var status = await PostAsync(client, FloodDocument(Interlocked.Increment(ref sent)), HostSettings.AdminKey, CancellationToken.None);
                    lock (statuses)
                    {
                        statuses.Add(status.Status);
                    }

                    if (status.Status == HttpStatusCode.TooManyRequests)
                    {
                        // A well-behaved client waits as told; a flood does not wait long.
                        await Task.Delay(TimeSpan.FromMilliseconds(200));
                    }
                }
            })).ToList();

            var loads = new List<double>();
            var slow = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            var refusedPanels = 0;
            using var viewer = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            while (!stop.IsCancellationRequested)
            {
                foreach (var dashboard in dashboards)
                {
                    var (milliseconds, refused, last) = await LoadAsync(viewer, dashboard, CancellationToken.None);
                    refusedPanels += refused;
                    if (refused == 0)
                    {
                        loads.Add(milliseconds);
                    }

                    if (milliseconds > LoadEveryMilliseconds)
                    {
                        slow.Add($"{last} {milliseconds / 1000:F1} s at {stopwatch.Elapsed.TotalSeconds:F0} s");
                    }

                    // A person reloading dashboards as fast as they come still looks at each: a load a second at most.
                    // (Answered from kept answers, an unpaced loop sends hundreds a minute and is a flood itself.)
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, LoadEveryMilliseconds - milliseconds)));
                }
            }

            await Task.WhenAll(flooders);
            loads.Sort();
            Console.WriteLine($"{name}: under the flood, {loads.Count} dashboard loads in {seconds} s: p50 {BenchSupport.Percentile(loads, 0.5):F0} ms, p95 {BenchSupport.Percentile(loads, 0.95):F0} ms; dashboard panels refused: {refusedPanels}");
            Console.WriteLine($"  loads over a second (the panel that answered last): {(slow.Count == 0 ? "none" : string.Join("; ", slow))}");
            Console.WriteLine($"  flood: {string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}: {g.Count()}"))}");
            await server.StopAsync();
        }
    }

    /// <summary>
    /// Every panel of the four dashboards served alone, one at a time, on the same data and window as the flood: the
    /// median of <paramref name="runs"/> after a warm-up load of each dashboard, no answer kept. Shows which panels a
    /// dashboard's load waits for.
    /// </summary>
    public static async Task PanelsAsync(string dataFolder, int runs)
    {
        var settings = HostSettings.Embedded(dataFolder);
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        // What the engine does for each panel: no answer kept from the run before.
        settings["Storage:ResultCacheSeconds"] = "0";
        settings["Storage:KeepThreadsForRequests"] = "true";
        await using var server = await ServerProcess.StartAsync(settings, TimeSpan.FromMinutes(5));
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        foreach (var dashboard in LoadDashboards())
        {
            var load = await LoadAsync(client, dashboard, CancellationToken.None);
            Console.WriteLine($"{dashboard.Id}: first load {load.Milliseconds:F0} ms");
            foreach (var (panel, query) in dashboard.Panels)
            {
                var times = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var (status, _) = await PostAsync(client, query, HostSettings.SalesKey, CancellationToken.None, Variables());
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (status != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{dashboard.Id}/{panel} answered {(int)status}");
                    }
                }

                times.Sort();
                Console.WriteLine($"  {panel,-28} p50 {BenchSupport.Percentile(times, 0.5),7:F0} ms  max {times[^1],7:F0} ms");
            }
        }

        await server.StopAsync();
    }

    private sealed record Dashboard(string Id, IReadOnlyList<(string Panel, string Query)> Panels);

    /// <summary>Every panel's query of the repository's dashboards, but those shown only on a choice (an account's timeline).</summary>
    private static List<Dashboard> LoadDashboards()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "dashboards")))
        {
            folder = folder.Parent;
        }

        return [.. Directory.GetFiles(Path.Combine(folder?.FullName ?? throw new InvalidOperationException("No dashboards folder above the benchmark."), "dashboards"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!)
            .Select(d => new Dashboard(d["id"]!.GetValue<string>(), [.. d["panels"]!.AsArray()
                .Select(p => (p!["id"]!.GetValue<string>(), p["query"]!.GetValue<string>()))
                .Where(p => !p.Item2.Contains("$accountId", StringComparison.Ordinal))]))];
    }

    /// <summary>
    /// All panels at once, as the UI loads a dashboard: the time until the last answers, how many were refused (429),
    /// and which panel answered last.
    /// </summary>
    private static async Task<(double Milliseconds, int Refused, string Last)> LoadAsync(HttpClient client, Dashboard dashboard, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var panels = await Task.WhenAll(dashboard.Panels.Select(async p =>
        {
            var (status, _) = await PostAsync(client, p.Query, HostSettings.SalesKey, cancellationToken, Variables());
            if (status is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests))
            {
                throw new InvalidOperationException($"{dashboard.Id}/{p.Panel} answered {(int)status}");
            }

            return (Milliseconds: watch.Elapsed.TotalMilliseconds, Refused: status == HttpStatusCode.TooManyRequests ? 1 : 0, p.Panel);
        }));
        var last = panels.MaxBy(p => p.Milliseconds);
        return (last.Milliseconds, panels.Sum(p => p.Refused), $"{dashboard.Id}/{last.Panel}");
    }

    private static JsonObject Variables() => new()
    {
        ["from"] = Day(To.AddDays(-28)), ["to"] = Day(To), ["previousFrom"] = Day(To.AddDays(-56)), ["previousTo"] = Day(To.AddDays(-28)),
        ["trendFrom"] = Day(To.AddDays(-84)),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(
        HttpClient client, string query, string key, CancellationToken cancellationToken, JsonObject? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
