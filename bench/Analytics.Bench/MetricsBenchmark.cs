extern alias api;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using api::Analytics.Api.Hosting;
using Analytics.Metrics;
using Analytics.Metrics.Attribution;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Metrics.Engagement;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Journey;
using Analytics.Metrics.Scoring;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Velocity;
using Analytics.Storage.Schema;
using Analytics.Storage;
using Analytics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Bench;

/// <summary>
/// Query latency of every query of docs/contract.md through GraphQL, and the overhead of GraphQL over the same SQL run
/// directly. The data is generated inside the engine (<c>INSERT ... SELECT FROM numbers(N)</c>, deterministic hashes) into
/// a data folder with the migrated schema, so the rollup views fill as in production: 50,000 accounts, half of them on
/// a target list, N events over 2025, 200,000 opportunities and 200,000 survey answers; a folder given on the command
/// line keeps the data for the next run. First the real server (Release build, own process) answers each query over
/// <c>POST /graphql</c> on loopback: the p50 and p95 reported. Then the server runs in this process, where each run calls
/// the metric query class directly (its SQL and its C# assembly of the result) and then the same query through GraphQL,
/// on one engine with the same caches: the overhead reported.
/// </summary>
public static class MetricsBenchmark
{
    private const int Accounts = 50_000;
    private const int Opportunities = 200_000;
    private const int SurveyAnswers = 200_000;
    private const int Warmups = 2;
    private const int ChunkEvents = 5_000_000;
    private const string TargetList = "bench-targets";
    private const string Database = "analytics";
    private const double TargetP95Ms = 300;
    private const double TargetOverhead = 0.15;

    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2026, 1, 1);

    private sealed record Case(string Name, string GraphQL, Func<Queries, CancellationToken, Task> Direct);

    private sealed record Queries(
        FunnelQuery Funnel, SalesVelocityQuery Velocity, NpsQuery Nps, CsatQuery Csat, EngagedAccountsQuery Engaged, CohortFunnelQuery Cohort, JourneyQuery Journey,
        EngagementQuery Engagement, AttributionQuery Attribution);

    private const string Stages = "stages { name accounts conversionFromPrevious }";
    private const string SalesFields = "won lost open winRate averageDealSize averageDaysToClose medianDaysToClose velocityPerDay";
    private const string NpsFields = "responses promoters passives detractors score";
    private const string CsatFields = "responses satisfied score";

    private static readonly DateWindow Window = new(From, To);

    // Twelve weeks ending on a Monday in the middle of a month, as a dashboard's default view would ask.
    private static readonly DateOnly TrendTo = new(2025, 11, 17);
    private static readonly DateOnly TrendFrom = TrendTo.AddDays(-84);

    // The 28 days before the trend's end, as the dashboards' default window asks.
    private static readonly DateWindow LastFourWeeks = new(TrendTo.AddDays(-28), TrendTo);
    private const string JourneyFields = "stages { name atStart atEnd entered progressed progressionRate }";
    private const string EngagementFields = "key events accountsReached engagedAccountsReached";
    private const string CohortStages = "stages { name accounts conversionFromPrevious averageDaysFromPrevious medianDaysFromPrevious }";

    private static IReadOnlyList<Case> Cases() =>
    [
        new("funnel", $"{{ funnel(from: \"{From:O}\", to: \"{To:O}\") {{ {Stages} groups {{ key {Stages} }} }} }}",
            (q, ct) => q.Funnel.RunAsync(new FunnelRequest(Window), ct)),
        new("funnel targetList", $"{{ funnel(from: \"{From:O}\", to: \"{To:O}\", targetList: \"{TargetList}\") {{ {Stages} groups {{ key {Stages} }} }} }}",
            (q, ct) => q.Funnel.RunAsync(new FunnelRequest(Window, TargetList), ct)),
        new("funnel groupBy INDUSTRY", $"{{ funnel(from: \"{From:O}\", to: \"{To:O}\", groupBy: INDUSTRY) {{ {Stages} groups {{ key {Stages} }} }} }}",
            (q, ct) => q.Funnel.RunAsync(new FunnelRequest(Window, GroupBy: FunnelGroupBy.Industry), ct)),
        new("funnel targetList groupBy FIRST_TOUCH_SOURCE", $"{{ funnel(from: \"{From:O}\", to: \"{To:O}\", targetList: \"{TargetList}\", groupBy: FIRST_TOUCH_SOURCE) {{ {Stages} groups {{ key {Stages} }} }} }}",
            (q, ct) => q.Funnel.RunAsync(new FunnelRequest(Window, TargetList, FunnelGroupBy.FirstTouchSource), ct)),
        new("salesVelocity groupBy OPPORTUNITY_TYPE", $"{{ salesVelocity(from: \"{From:O}\", to: \"{To:O}\", groupBy: OPPORTUNITY_TYPE) {{ {SalesFields} groups {{ key {SalesFields} }} }} }}",
            (q, ct) => q.Velocity.RunAsync(new SalesVelocityRequest(Window, SalesGroupBy.OpportunityType), ct)),
        new("nps interval WEEK groupBy SEGMENT", $"{{ nps(from: \"{From:O}\", to: \"{To:O}\", interval: WEEK, groupBy: SEGMENT) {{ {NpsFields} marginOfError trend {{ periodStart {NpsFields} }} groups {{ key {NpsFields} marginOfError }} }} }}",
            (q, ct) => q.Nps.RunAsync(new SurveyRequest(Window, Interval.Week, SurveyGroupBy.Segment), ct)),
        new("csat interval WEEK groupBy INDUSTRY", $"{{ csat(from: \"{From:O}\", to: \"{To:O}\", interval: WEEK, groupBy: INDUSTRY) {{ {CsatFields} trend {{ periodStart {CsatFields} }} groups {{ key {CsatFields} }} }} }}",
            (q, ct) => q.Csat.RunAsync(new SurveyRequest(Window, Interval.Week, SurveyGroupBy.Industry), ct)),
        // As the marketing dashboard's trend chart asks (dashboards/marketing.json): the trend alone.
        new("funnel 12 weeks trend WEEK (dashboard)", $"{{ funnel(from: \"{TrendFrom:O}\", to: \"{TrendTo:O}\", interval: WEEK) {{ trend {{ periodStart {Stages} }} }} }}",
            (q, ct) => q.Funnel.RunAsync(new FunnelRequest(new DateWindow(TrendFrom, TrendTo), Interval: Interval.Week, Totals: false), ct)),
        new("journey year", $"{{ journey(from: \"{From:O}\", to: \"{To:O}\") {{ {JourneyFields} }} }}",
            (q, ct) => q.Journey.RunAsync(new JourneyRequest(Window), ct)),
        new("journey 28 days", $"{{ journey(from: \"{LastFourWeeks.From:O}\", to: \"{LastFourWeeks.To:O}\") {{ {JourneyFields} }} }}",
            (q, ct) => q.Journey.RunAsync(new JourneyRequest(LastFourWeeks), ct)),
        new("funnel COHORT year", $"{{ funnel(from: \"{From:O}\", to: \"{To:O}\", mode: COHORT) {{ {CohortStages} }} }}",
            (q, ct) => q.Cohort.RunAsync(new CohortFunnelRequest(Window), ct)),
        new("funnel COHORT 28 days", $"{{ funnel(from: \"{LastFourWeeks.From:O}\", to: \"{LastFourWeeks.To:O}\", mode: COHORT) {{ {CohortStages} }} }}",
            (q, ct) => q.Cohort.RunAsync(new CohortFunnelRequest(LastFourWeeks), ct)),
        new("engagedAccounts first 50", $"{{ engagedAccounts(from: \"{From:O}\", to: \"{To:O}\", first: 50) {{ totalCount edges {{ cursor node {{ accountId name score surge lastActivityAt openOpportunities }} }} pageInfo {{ hasNextPage endCursor }} }} }}",
            (q, ct) => q.Engaged.RunAsync(new EngagedAccountsRequest(Window, First: 50), ct)),
        // The marketing dashboard's engagement and attribution panels on its default window (dashboards/marketing.json).
        new("engagement 28 days channels campaigns (dashboard)", $"{{ engagement(from: \"{LastFourWeeks.From:O}\", to: \"{LastFourWeeks.To:O}\") {{ channels {{ {EngagementFields} }} campaigns {{ {EngagementFields} engagedShare }} }} }}",
            (q, ct) => q.Engagement.RunAsync(new EngagementRequest(LastFourWeeks), ct)),
        new("engagement 12 weeks trend WEEK (dashboard)", $"{{ engagement(from: \"{TrendFrom:O}\", to: \"{TrendTo:O}\", interval: WEEK) {{ trend {{ periodStart events accountsReached engagedAccountsReached }} }} }}",
            (q, ct) => q.Engagement.RunAsync(new EngagementRequest(new DateWindow(TrendFrom, TrendTo), Interval.Week), ct)),
        new("attribution CHANNEL 28 days (dashboard)", $"{{ attribution(from: \"{LastFourWeeks.From:O}\", to: \"{LastFourWeeks.To:O}\", dimension: CHANNEL) {{ model key pipeline wonRevenue pipelineOpportunities wonOpportunities }} }}",
            (q, ct) => q.Attribution.RunAsync(new AttributionRequest(LastFourWeeks, AttributionDimension.Channel), ct)),
    ];

    public static async Task RunAsync(int eventCount, int runs, string? dataFolder, string? onlyCases = null)
    {
        var folder = dataFolder ?? HostSettings.NewDataFolder();
        try
        {
            // A quicker run of some cases: those whose name contains the filter.
            var cases = Cases().Where(c => onlyCases is null || c.Name.Contains(onlyCases, StringComparison.Ordinal)).ToList();
            var generateSeconds = await PrepareAsync(folder, eventCount);
            var settings = HostSettings.Embedded(folder);
            settings["Serilog:MinimumLevel:Default"] = "Warning";

            // The real server over loopback HTTP: the latencies a dashboard sees.
            var served = new Dictionary<string, List<double>>();
            await using (var server = await ServerProcess.StartAsync(settings, TimeSpan.FromMinutes(5)))
            {
                foreach (var c in cases)
                {
                    var latencies = await MeasureAsync(runs, ct => PostAsync(server.Client, c.GraphQL, ct));
                    var inOrder = string.Join(' ', latencies.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)));
                    latencies.Sort();
                    served[c.Name] = latencies;
                    Console.Error.WriteLine($"  served {c.Name}: p50 {BenchSupport.Percentile(latencies, 0.50):F1} ms; every run in order: {inOrder}");
                }

                await server.StopAsync();
            }

            // The same server in this process: each run calls the metric directly and then through GraphQL, one after
            // the other on the same engine and caches, so the difference is GraphQL's own cost.
            var direct = new Dictionary<string, List<double>>();
            var graphql = new Dictionary<string, List<double>>();
            await using (var host = new InProcessServer(settings))
            {
                var client = host.CreateClient();
                var services = host.Services;
                var models = services.GetRequiredService<ScoringModelStore>();
                var queries = new Queries(services.GetRequiredService<FunnelQuery>(), services.GetRequiredService<SalesVelocityQuery>(),
                    services.GetRequiredService<NpsQuery>(), services.GetRequiredService<CsatQuery>(), services.GetRequiredService<EngagedAccountsQuery>(),
                    services.GetRequiredService<CohortFunnelQuery>(), services.GetRequiredService<JourneyQuery>(),
                    services.GetRequiredService<EngagementQuery>(), services.GetRequiredService<AttributionQuery>());
                foreach (var c in cases)
                {
                    (direct[c.Name], graphql[c.Name]) = await MeasurePairsAsync(runs, ct => c.Direct(queries, ct), ct => PostAsync(client, c.GraphQL, ct));
                    Console.Error.WriteLine($"  in-process {c.Name}: direct p50 {BenchSupport.Percentile(direct[c.Name], 0.50):F1} ms, graphql p50 {BenchSupport.Percentile(graphql[c.Name], 0.50):F1} ms");
                }
            }

            Console.WriteLine($"metrics benchmark: {eventCount:N0} events, {Accounts:N0} accounts ({Accounts / 2:N0} on a target list), {Opportunities:N0} opportunities, {SurveyAnswers:N0} survey answers");
            Console.WriteLine(generateSeconds is { } seconds
                ? $"  generated in the engine in {seconds:F1} s (then OPTIMIZE FINAL of every table)"
                : $"  data reused from an earlier run's folder");
            Console.WriteLine($"  window [{From:O}, {To:O}) (the whole year) unless the query says otherwise; {runs} runs after {Warmups} warm-ups, one client");
            Console.WriteLine($"  {"query",-46} {"p50 ms",8} {"p95 ms",8}   in-process: {"direct p50",10} {"graphql p50",11} {"overhead",9}  targets (p95 <= {TargetP95Ms:F0} ms, overhead <= {TargetOverhead:P0})");
            foreach (var c in cases)
            {
                List<double> s = served[c.Name], d = direct[c.Name], g = graphql[c.Name];
                double p95 = BenchSupport.Percentile(s, 0.95), d50 = BenchSupport.Percentile(d, 0.50), g50 = BenchSupport.Percentile(g, 0.50);
                var overhead = (g50 - d50) / d50;
                var verdict = (p95 <= TargetP95Ms ? "p95 ok" : "p95 MISSED") + ", " + (overhead <= TargetOverhead ? "overhead ok" : "overhead MISSED");
                Console.WriteLine($"  {c.Name,-46} {BenchSupport.Percentile(s, 0.50),8:F1} {p95,8:F1}   {"",11} {d50,10:F1} {g50,11:F1} {overhead,9:P1}  {verdict}");
            }
        }
        finally
        {
            if (dataFolder is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Where each query's time goes: every case called directly on the engine (no server), <paramref name="runs"/> times
    /// after the warm-ups, with the median time of each SQL statement it runs (statements of one call may overlap); the
    /// statements' text goes to <paramref name="sqlFolder"/>.
    /// </summary>
    public static async Task ProfileAsync(int eventCount, int runs, string dataFolder, string sqlFolder, string? onlyCases = null)
    {
        await PrepareAsync(dataFolder, eventCount);
        Directory.CreateDirectory(sqlFolder);
        await using var gateway = new TimingGateway(await BenchSupport.OpenMigratedAsync(dataFolder, Database));
        var models = new ScoringModelStore(gateway, TimeProvider.System);
        var journeyIndex = new JourneyIndex(gateway, models, Microsoft.Extensions.Options.Options.Create(new JourneyOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<JourneyIndex>.Instance);
        // As the server's background round does once: every opportunity's touches stored (a look, when they are).
        var touchIndex = new OpportunityTouchIndex(gateway, Microsoft.Extensions.Options.Options.Create(new MetricsOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OpportunityTouchIndex>.Instance);
        await touchIndex.FillAsync(CancellationToken.None);
        var queries = new Queries(new FunnelQuery(gateway, models), new SalesVelocityQuery(gateway), new NpsQuery(gateway), new CsatQuery(gateway),
            new EngagedAccountsQuery(gateway, models), new CohortFunnelQuery(gateway, journeyIndex), new JourneyQuery(gateway, journeyIndex),
            new EngagementQuery(gateway, models), new AttributionQuery(gateway, touchIndex));
        foreach (var (c, index) in Cases().Select((c, i) => (c, i)).Where(p => onlyCases is null || p.c.Name.Contains(onlyCases, StringComparison.Ordinal)))
        {
            for (var i = 0; i < Warmups; i++)
            {
                await c.Direct(queries, CancellationToken.None);
            }

            gateway.Take();
            var calls = new List<double>();
            var statements = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (var i = 0; i < runs; i++)
            {
                calls.Add(await TimeAsync(ct => c.Direct(queries, ct)));
                foreach (var (sql, ms) in gateway.Take())
                {
                    (statements.TryGetValue(sql, out var times) ? times : statements[sql] = []).Add(ms);
                }
            }

            var inOrder = string.Join(' ', calls.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)));
            calls.Sort();
            Console.WriteLine($"{c.Name}: call p50 {BenchSupport.Percentile(calls, 0.5):F0} ms, max {calls[^1]:F0} ms; in order: {inOrder}");
            foreach (var ((sql, times), n) in statements.Select((s, n) => (s, n)))
            {
                times.Sort();
                var file = Path.Combine(sqlFolder, $"{index:D2}-{n}.sql");
                await File.WriteAllTextAsync(file, gateway.Replayable(sql));
                Console.WriteLine($"  {Path.GetFileName(file)}: {times.Count} runs, p50 {BenchSupport.Percentile(times, 0.5):F0} ms, max {times[^1]:F0} ms");
            }
        }
    }

    /// <summary>
    /// Generates the data into <paramref name="folder"/>, or reuses what an earlier run left there (brought up to the
    /// current schema by the migrations, as a server's data would be); the seconds generation took, or null. Either way
    /// the rollups are then priced with the stored scoring model, as the server does in the background after start,
    /// so the measurement does not race that work.
    /// </summary>
    internal static async Task<double?> PrepareAsync(string folder, int eventCount)
    {
        var marker = Path.Combine(folder, "bench-data.txt");
        var generated = $"metrics {eventCount} events";
        var expected = $"{generated}, schema {ApplicationSchema.Catalog.Migrations.Count}";
        var reuse = File.Exists(marker) && (await File.ReadAllTextAsync(marker)).StartsWith(generated + ", schema ", StringComparison.Ordinal);

        // Benchmark data made for another size is thrown away: generating on top of it would count events twice. A
        // folder that is not the benchmark's own is never touched.
        if (!reuse && File.Exists(marker))
        {
            Directory.Delete(folder, recursive: true);
        }
        else if (!reuse && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidOperationException($"{folder} holds data that is not this benchmark's (no bench-data.txt); give an empty or new folder.");
        }

        Directory.CreateDirectory(folder);
        await using var gateway = await BenchSupport.OpenMigratedAsync(folder, Database);
        var models = new ScoringModelStore(gateway, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        if (!reuse)
        {
            // As a server does at start: the views price events as they are stored.
            await models.EnsureStoredAsync(CancellationToken.None);
            await GenerateAsync(gateway, eventCount);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await File.WriteAllTextAsync(marker, expected);
        var pricing = Stopwatch.StartNew();
        var repriced = await new RollupRepricing(gateway, new SchemaDialect(Database, null), models, NullLogger<RollupRepricing>.Instance)
            .RepriceAsync(CancellationToken.None);
        Console.Error.WriteLine($"  {repriced:N0} rollup rows priced with the stored scoring model in {pricing.Elapsed.TotalSeconds:F1} s");
        return reuse ? null : seconds;
    }

    /// <summary>Warm-ups of both, then <paramref name="runs"/> runs of <paramref name="first"/> each followed by <paramref name="second"/>; both sorted.</summary>
    private static async Task<(List<double> First, List<double> Second)> MeasurePairsAsync(
        int runs, Func<CancellationToken, Task> first, Func<CancellationToken, Task> second)
    {
        for (var i = 0; i < Warmups; i++)
        {
            await first(CancellationToken.None);
            await second(CancellationToken.None);
        }

        List<double> a = [], b = [];
        for (var i = 0; i < runs; i++)
        {
            a.Add(await TimeAsync(first));
            b.Add(await TimeAsync(second));
        }

        a.Sort();
        b.Sort();
        return (a, b);
    }

    private static async Task<double> TimeAsync(Func<CancellationToken, Task> run)
    {
        var started = Stopwatch.GetTimestamp();
        await run(CancellationToken.None);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Warm-ups, then <paramref name="runs"/> sequential runs; the latencies in ms, in the order they ran.</summary>
    private static async Task<List<double>> MeasureAsync(int runs, Func<CancellationToken, Task> run)
    {
        for (var i = 0; i < Warmups; i++)
        {
            await run(CancellationToken.None);
        }

        var latencies = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            latencies.Add(await TimeAsync(run));
        }

        return latencies;
    }

    private static async Task PostAsync(HttpClient client, string query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || document.RootElement.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"GraphQL answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Every record, generated by the engine from <c>numbers()</c>: the same data on every run.</summary>
    private static async Task GenerateAsync(IClickHouseGateway gateway, int eventCount)
    {
        const string Year = "toDateTime64('2025-01-01 00:00:00', 3, 'UTC')";
        const string YearMs = "31536000000";
        await gateway.ExecuteAsync($"""
            INSERT INTO accounts (account_id, name, domain, industry, employees, annual_revenue, country, tier, owner, updated_at)
            SELECT
                'acct-' || leftPad(toString(number), 5, '0'),
                'Account ' || toString(number),
                'account' || toString(number) || '.example',
                if(cityHash64(number, 'i') % 20 = 0, NULL, ['Software', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Education', 'Media', 'Energy'][1 + cityHash64(number, 'i') % 8]),
                toUInt32(10 + cityHash64(number, 'e') % 20000),
                toDecimal64(cityHash64(number, 'r') % 500000000, 2),
                if(cityHash64(number, 'c') % 25 = 0, NULL, ['US', 'GB', 'DE', 'FR', 'NL', 'CA', 'AU', 'JP', 'BR', 'IN'][1 + cityHash64(number, 'c') % 10]),
                if(cityHash64(number, 't') % 30 = 0, NULL, ['enterprise', 'mid-market', 'smb'][1 + cityHash64(number, 't') % 3]),
                if(cityHash64(number, 'o') % 40 = 0, NULL, ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'][1 + cityHash64(number, 'o') % 12]),
                {Year}
            FROM numbers({Accounts})
            """);
        await gateway.ExecuteAsync($"""
            INSERT INTO target_list_members (list, account_id, added_at, removed_at, updated_at)
            SELECT '{TargetList}', 'acct-' || leftPad(toString(number), 5, '0'), {Year}, NULL, {Year}
            FROM numbers({Accounts}) WHERE number % 2 = 0
            """);
        for (var first = 0; first < eventCount; first += ChunkEvents)
        {
            var count = Math.Min(ChunkEvents, eventCount - first);
            var clock = Stopwatch.StartNew();
            // Channel and type by a hash bucket c (0–99): ad impressions and clicks, email opens and clicks, web page
            // views (a tenth of them on /pricing) and form fills, event attendance, other.
            await gateway.ExecuteAsync($"""
                INSERT INTO events (event_id, timestamp, received_at, channel, type, account_id, contact_id, anonymous_id, campaign, source, url, properties)
                SELECT
                    'ev-' || toString(number),
                    fromUnixTimestamp64Milli(toInt64(1735689600000 + cityHash64(number, 'ts') % {YearMs}), 'UTC') AS ts,
                    ts,
                    multiIf(c < 35, 'ad', c < 55, 'email', c < 95, 'web', c < 98, 'event', 'other') AS channel,
                    multiIf(c < 30, 'impression', c < 35, 'click', c < 50, 'open', c < 55, 'click', c < 90, 'page_view', c < 95, 'form_submit', c < 98, 'attended', 'other') AS type,
                    'acct-' || leftPad(toString(a), 5, '0'),
                    if(channel IN ('email', 'web', 'event'), 'contact-' || toString(a * 10 + cityHash64(number, 'p') % 10), ''),
                    if(channel = 'web', 'anon-' || toString(cityHash64(number, 'n') % 1000000), ''),
                    if(channel IN ('ad', 'email', 'event'), 'campaign-' || toString(cityHash64(number, 'm') % 40), ''),
                    ['google', 'linkedin', 'newsletter', 'organic', 'direct', 'partner', 'g2', 'webinar'][1 + cityHash64(number, 's') % 8],
                    if(channel = 'web', 'https://vendor.example' || ['/pricing', '/blog/post-' || toString(cityHash64(number, 'u') % 300), '/docs/page-' || toString(cityHash64(number, 'u') % 100), '/product', '/about', '/blog/', '/careers', '/customers', '/integrations', '/demo'][1 + cityHash64(number, 'w') % 10], ''),
                    char(123, 125)
                FROM (SELECT number, cityHash64(number, 'ch') % 100 AS c, cityHash64(number, 'ac') % {Accounts} AS a FROM numbers({first}, {count}))
                """);
            Console.Error.WriteLine($"  events {first + count:N0}/{eventCount:N0} ({clock.Elapsed.TotalSeconds:F1} s for {count:N0})");
        }

        await gateway.ExecuteAsync($"""
            INSERT INTO opportunities (opportunity_id, account_id, created_at, closed_at, status, stage, amount, type, updated_at)
            SELECT
                'opp-' || toString(number),
                'acct-' || leftPad(toString(cityHash64(number, 'a') % {Accounts}), 5, '0'),
                fromUnixTimestamp64Milli(toInt64(1735689600000 + cityHash64(number, 'c') % {YearMs}), 'UTC') AS created,
                if(s < 7, created + toIntervalDay(1 + cityHash64(number, 'd') % 180), NULL),
                multiIf(s < 3, 'won', s < 7, 'lost', 'open'),
                multiIf(s < 3, 'closed won', s < 7, 'closed lost', ['discovery', 'proposal', 'negotiation'][1 + cityHash64(number, 'g') % 3]),
                toDecimal64(1000 + cityHash64(number, 'm') % 199000, 2),
                if(cityHash64(number, 'y') % 20 = 0, NULL, ['new business', 'expansion', 'renewal'][1 + cityHash64(number, 'y') % 3]),
                {Year}
            FROM (SELECT number, cityHash64(number, 's') % 10 AS s FROM numbers({Opportunities}))
            """);
        await gateway.ExecuteAsync($"""
            INSERT INTO survey_responses (response_id, survey, responded_at, score, comment, account_id, contact_id, segment, updated_at)
            SELECT
                'resp-' || toString(number),
                if(number % 2 = 0, 'nps', 'csat') AS survey,
                fromUnixTimestamp64Milli(toInt64(1735689600000 + cityHash64(number, 't') % {YearMs}), 'UTC'),
                toUInt8(if(survey = 'nps', [0, 3, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10][1 + cityHash64(number, 'x') % 12], [1, 2, 3, 4, 4, 5, 5][1 + cityHash64(number, 'x') % 7])),
                ['', 'Great support team, fast answers.', 'The dashboard is slow and confusing.', 'Pricing is too high for what we get.',
                 'Love the new reports!', 'Onboarding was okay.', 'Integration with our CRM keeps failing.', 'Excellent product, highly recommend.'][1 + cityHash64(number, 'k') % 8],
                'acct-' || leftPad(toString(cityHash64(number, 'a') % {Accounts}), 5, '0') AS account,
                account || '-contact-' || toString(cityHash64(number, 'p') % 10),
                if(cityHash64(number, 'g') % 10 = 0, NULL, ['enterprise', 'mid-market', 'smb', 'partner'][1 + cityHash64(number, 'g') % 4]),
                {Year}
            FROM numbers({SurveyAnswers})
            """);

        // Merge every table, as a running server's background merges would in time, so that no merge runs while the
        // queries are timed.
        foreach (var table in ApplicationSchema.Catalog.Tables.Select(t => t.Name))
        {
            await gateway.ExecuteAsync($"OPTIMIZE TABLE {table} FINAL");
        }
    }
}
