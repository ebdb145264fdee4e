using System.Diagnostics;
using Analytics.Storage;
using Analytics.Metrics.Journey;
using Analytics.Metrics.Scoring;
using Analytics.Metrics.TargetLists;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analytics.Bench;

/// <summary>
/// Rule lists recomputed over the metrics benchmark's data (its 50,000 accounts): a few representative rules saved, each
/// recomputed twice (every member joins, then nothing changes), with the seconds each took. "Now" is the end of the
/// benchmark's year, where its events are. Intent rows are inserted for a fifth of the accounts first. What it adds
/// (rules, members, history, intent) is removed at the end, so the folder serves the other benchmarks as before.
/// </summary>
internal static class RuleListsBenchmark
{
    private const string Database = "analytics";
    private const string Prefix = "bench-rule ";

    // The benchmark's events span 2025; its last day is the rule lists' today.
    private static readonly DateTimeOffset Now = new(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, TargetListCondition[] AnyOf)[] Rules =
    [
        ("attributes", [new(Tiers: ["enterprise", "mid-market"], Industries: ["Finance", "Software"], Countries: ["US", "GB", "DE"])]),
        ("score 28 days", [new(MinScore: 10, ScoreWindowDays: 28)]),
        ("surge", [new(MinSurge: 1.5)]),
        ("stage", [new(Stages: ["ENGAGED", "OPPORTUNITY"])]),
        ("intent", [new(IntentTopic: "data warehouse", MinIntentScore: 50)]),
        ("the issue's example", [new(Tiers: ["enterprise", "mid-market"], Industries: ["Finance"], MinSurge: 1.5), new(IntentTopic: "data warehouse")]),
    ];

    public static async Task RunAsync(int eventCount, string dataFolder)
    {
        await MetricsBenchmark.PrepareAsync(dataFolder, eventCount);
        await using var gateway = await BenchSupport.OpenMigratedAsync(dataFolder, Database);
        var clock = new FixedClock(Now);
        var models = new ScoringModelStore(gateway, clock);
        var journey = new JourneyIndex(gateway, models, Options.Create(new JourneyOptions()), clock, NullLogger<JourneyIndex>.Instance);
        var store = new TargetListRuleStore(gateway, clock);
        var recompute = new TargetListRecompute(gateway, store, models, journey, clock, NullLogger<TargetListRecompute>.Instance);
        await CleanUpAsync(gateway);
        try
        {
            var prepare = Stopwatch.StartNew();
            await gateway.ExecuteAsync("""
                INSERT INTO account_intent (account_id, topic, score, week, updated_at)
                SELECT account_id, topic, toUInt8(cityHash64(account_id, topic, w) % 101), toMonday(toDate('2025-12-31') - 7 * w), now64(3)
                FROM (SELECT account_id FROM accounts FINAL WHERE cityHash64(account_id, 'intent') % 5 = 0)
                ARRAY JOIN ['data warehouse', 'crm', 'etl'] AS topic
                ARRAY JOIN [0, 1, 2, 3, 4, 5] AS w
                """);
            Console.WriteLine($"rule lists benchmark: {dataFolder}, today {Now:yyyy-MM-dd}; intent rows for a fifth of the accounts inserted in {prepare.Elapsed.TotalSeconds:F1} s");
            prepare.Restart();
            await journey.EnsureCurrentAsync(CancellationToken.None);
            Console.WriteLine($"  journey index brought up to date first in {prepare.Elapsed.TotalSeconds:F1} s (a server keeps it current in the background)");
            Console.WriteLine($"  {"rule list",-24} {"members",8} {"first s",8} {"again s",8}  target: each under 10 s");
            foreach (var (name, anyOf) in Rules)
            {
                await store.SaveAsync(Prefix + name, new TargetListRule(anyOf), CancellationToken.None);
                var first = Stopwatch.StartNew();
                var joined = await recompute.RecomputeOneAsync(Prefix + name, CancellationToken.None);
                var firstSeconds = first.Elapsed.TotalSeconds;
                var again = Stopwatch.StartNew();
                var unchanged = await recompute.RecomputeOneAsync(Prefix + name, CancellationToken.None);
                var againSeconds = again.Elapsed.TotalSeconds;
                var verdict = Math.Max(firstSeconds, againSeconds) < 10 ? "ok" : "MISSED";
                Console.WriteLine($"  {name,-24} {joined.Joined,8:N0} {firstSeconds,8:F2} {againSeconds,8:F2}  {verdict}{(unchanged.Joined + unchanged.Left == 0 ? string.Empty : " (the second recompute changed members!)")}");
            }
        }
        finally
        {
            await CleanUpAsync(gateway);
        }
    }

    private static async Task CleanUpAsync(IClickHouseGateway gateway)
    {
        var parameters = new QueryParameters().Add("prefix", Prefix);
        await gateway.ExecuteAsync("DELETE FROM target_list_members WHERE startsWith(list, {prefix:String})", parameters);
        await gateway.ExecuteAsync("DELETE FROM target_list_changes WHERE startsWith(list, {prefix:String})", parameters);
        await gateway.ExecuteAsync("DELETE FROM target_list_rules WHERE startsWith(name, {prefix:String})", parameters);
        // The benchmark data has no intent of its own: every row is this benchmark's.
        await gateway.ExecuteAsync("TRUNCATE TABLE account_intent");
    }

    /// <summary>A clock standing at one moment.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
