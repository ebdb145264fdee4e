using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// About 10,000 generated accounts with events, opportunities and answers (re-imports included): funnel, sales
/// velocity and NPS from GraphQL must equal an independent computation in C# over the same records.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class CrossCheckTests : IAsyncLifetime
{
    private static readonly DateTime From = Day(2), To = Day(30);
    private readonly GraphQLHost _host = new(nameof(CrossCheckTests));
    private readonly Story _world = Generate(new Random(20260302), accounts: 10_000);

    public async Task InitializeAsync() => await _world.LoadAsync(_host.Gateway);

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Funnel_velocity_and_nps_from_graphql_match_an_independent_computation()
    {
        var (_, body) = await _host.QueryAsync("""
            {
              all: funnel(from: "2026-03-02", to: "2026-03-30") { stages { accounts conversionFromPrevious } }
              listed: funnel(from: "2026-03-02", to: "2026-03-30", targetList: "abm") { stages { accounts } }
              salesVelocity(from: "2026-03-02", to: "2026-03-30") { won lost open winRate averageDealSize averageDaysToClose medianDaysToClose velocityPerDay }
              nps(from: "2026-03-02", to: "2026-03-30") { responses promoters passives detractors score marginOfError }
            }
            """);
        var data = body.GetProperty("data");

        var accounts = _world.Accounts.Select(a => (string)a[0]!).ToHashSet();
        var listed = _world.Members.Select(m => (string)m[1]!).ToHashSet();
        var engaged = Scores().Where(s => s.Value >= ScoringModel.Default.Threshold).Select(s => s.Key).ToHashSet();
        var opportunities = Latest(_world.Opportunities);
        var opened = opportunities.Where(o => InWindow((DateTime)o[2]!)).Select(o => (string)o[1]!).ToHashSet();
        var won = opportunities.Where(o => (string)o[4]! == "won" && InWindow((DateTime?)o[3])).Select(o => (string)o[1]!).ToHashSet();
        long[] Funnel(HashSet<string> targets)
        {
            var e = targets.Where(engaged.Contains).ToList();
            var o = e.Where(opened.Contains).ToList();
            return [targets.Count, e.Count, o.Count, o.Count(won.Contains)];
        }

        Assert.Equal(Funnel(accounts), Stages(data.GetProperty("all")));
        Assert.Equal(Funnel(listed), Stages(data.GetProperty("listed")));
        Assert.True(Funnel(accounts)[3] > 100, "the generated world should reach every stage");

        var closedWon = opportunities.Where(o => (string)o[4]! == "won" && InWindow((DateTime?)o[3])).ToList();
        var lost = opportunities.Count(o => (string)o[4]! == "lost" && InWindow((DateTime?)o[3]));
        var open = opportunities.Count(o => (DateTime)o[2]! < To && (o[3] is null || (DateTime)o[3]! >= To));
        var days = closedWon.Select(o => ((DateTime)o[3]! - (DateTime)o[2]!).TotalDays).Order().ToList();
        var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
        var deal = closedWon.Where(o => o[5] is not null).Average(o => (double)(decimal)o[5]!);
        var winRate = (double)closedWon.Count / (closedWon.Count + lost);
        var velocity = data.GetProperty("salesVelocity");
        Assert.Equal([closedWon.Count, lost, open], new[] { "won", "lost", "open" }.Select(f => velocity.GetProperty(f).GetInt32()));
        Assert.Equal(winRate, velocity.GetProperty("winRate").GetDouble(), 9);
        Assert.Equal(deal, velocity.GetProperty("averageDealSize").GetDouble(), 6);
        Assert.Equal(days.Average(), velocity.GetProperty("averageDaysToClose").GetDouble(), 9);
        Assert.Equal(median, velocity.GetProperty("medianDaysToClose").GetDouble(), 9);
        Assert.Equal(open * deal * winRate / days.Average(), velocity.GetProperty("velocityPerDay").GetDouble(), 4);

        var scores = Latest(_world.Answers).Where(a => (string)a[1]! == "nps" && InWindow((DateTime)a[2]!)).Select(a => (int)(byte)a[3]!).ToList();
        var expectedNps = Analytics.Metrics.Surveys.NpsFigures.From(scores.Count(s => s >= 9), scores.Count(s => s is 7 or 8), scores.Count(s => s <= 6));
        var nps = data.GetProperty("nps");
        Assert.Equal(
            [expectedNps.Responses, expectedNps.Promoters, expectedNps.Passives, expectedNps.Detractors],
            new[] { "responses", "promoters", "passives", "detractors" }.Select(f => nps.GetProperty(f).GetInt64()));
        Assert.Equal(expectedNps.Score!.Value, nps.GetProperty("score").GetDouble(), 9);
        Assert.Equal(expectedNps.MarginOfError!.Value, nps.GetProperty("marginOfError").GetDouble(), 9);
    }

    private static bool InWindow(DateTime? time) => time >= From && time < To;

    private static long[] Stages(JsonElement funnel) => funnel.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("accounts").GetInt64()).ToArray();

    private Dictionary<string, double> Scores()
    {
        var scores = new Dictionary<string, double>();
        foreach (var e in _world.Events.Where(e => InWindow((DateTime)e[1]!) && (string)e[5]! != ""))
        {
            var url = (string)e[9]!;
            var path = (string)e[3]! == "web" && url.Length > 0 ? new Uri(url).AbsolutePath : string.Empty;
            var points = ScoringModel.Default.PointsOf((string)e[3]!, (string)e[4]!, path);
            scores[(string)e[5]!] = scores.GetValueOrDefault((string)e[5]!) + points;
        }

        return scores;
    }

    private static Story Generate(Random random, int accounts)
    {
        (string Channel, string Type)[] kinds =
        [
            ("ad", "impression"), ("ad", "click"), ("email", "open"), ("email", "click"), ("web", "page_view"), ("web", "page_view"),
            ("web", "page_view"), ("web", "form_submit"), ("event", "attended"), ("other", "call"),
        ];
        string[] paths = ["/blog/a", "/pricing", "/docs/start", "/demo", "/about", "/trial/signup"];
        string?[] industries = ["Software", "Retail", "Health", null];
        var story = new Story();
        for (var i = 0; i < accounts; i++)
        {
            var id = $"a{i:D5}";
            story.Account(id, industries[random.Next(industries.Length)], random.Next(4) == 0 ? null : $"{random.Next(1, 4)}");
            if (i % 3 == 0)
            {
                story.OnList("abm", id);
            }

            for (var n = random.Next(0, 9); n > 0; n--)
            {
                var (channel, type) = kinds[random.Next(kinds.Length)];
                var url = channel == "web" ? $"https://site.example{paths[random.Next(paths.Length)]}?q={n}" : string.Empty;
                story.Event(id, From.AddDays(-3).AddMinutes(random.Next(0, 34 * 24 * 60)), channel, type, url, $"c{random.Next(5)}", $"s{random.Next(3)}");
            }

            if (random.Next(3) == 0)
            {
                var created = From.AddDays(-20).AddHours(random.Next(0, 50 * 24));
                var status = new[] { "open", "won", "lost" }[random.Next(3)];
                DateTime? closed = status == "open" ? null : created.AddHours(random.Next(1, 40 * 24));
                decimal? amount = random.Next(10) == 0 ? null : random.Next(1, 500) * 100m;
                story.Opportunity($"o{i}", id, created, closed, status, amount);
                if (random.Next(5) == 0)
                {
                    story.Opportunity($"o{i}", id, created, created.AddDays(2), "won", 99_900m, updatedAt: Day(1).AddDays(-60));  // an older version
                }
            }

            if (random.Next(2) == 0)
            {
                var at = From.AddDays(-2).AddMinutes(random.Next(0, 32 * 24 * 60));
                story.Answer($"r{i}", "nps", at, random.Next(0, 11), id);
                if (random.Next(10) == 0)
                {
                    story.Answer($"r{i}", "nps", at, random.Next(0, 11), id, updatedAt: Day(1).AddDays(30));  // a later re-import
                }
            }
        }

        return story;
    }
}
