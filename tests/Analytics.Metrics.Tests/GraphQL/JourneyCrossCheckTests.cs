using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// About 5,000 generated accounts with four months of events and several opportunities each (re-imports included):
/// the journey and the cohort funnel from GraphQL must equal an independent day-by-day computation in C# over the same
/// records, following the definitions word by word (docs/journey.md).
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class JourneyCrossCheckTests : IAsyncLifetime
{
    private const int LookbackDays = 90, ConversionDays = 30;
    private static readonly DateTime From = Day(2), To = Day(30);
    private static readonly string[] Stages = ["TARGET", "AWARE", "ENGAGED", "OPPORTUNITY", "CUSTOMER"];
    private readonly GraphQLHost _host = new(nameof(JourneyCrossCheckTests));
    private readonly Story _world = Generate(new Random(20261203), accounts: 5_000);

    public async Task InitializeAsync() => await _world.LoadAsync(_host.Gateway);

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Journey_and_cohort_funnel_from_graphql_match_a_day_by_day_computation()
    {
        var (_, body) = await _host.QueryAsync($$"""
            {
              journey(from: "2026-03-02", to: "2026-03-30") { stages { name atStart atEnd entered progressed } }
              cohort: funnel(from: "2026-03-02", to: "2026-03-30", mode: COHORT, conversionWindowDays: {{ConversionDays}}) {
                stages { name accounts averageDaysFromPrevious medianDaysFromPrevious }
              }
            }
            """);
        var data = body.GetProperty("data");

        var expected = ExpectedJourney();
        var journey = data.GetProperty("journey").GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString(), s.GetProperty("atStart").GetInt64(), s.GetProperty("atEnd").GetInt64(),
                s.GetProperty("entered").GetInt64(), s.GetProperty("progressed").GetInt64()))
            .ToList();
        Assert.Equal(expected, journey);
        Assert.All(expected.Skip(1), s => Assert.True(s.Item5 > 20 || s.Item1 == "CUSTOMER", $"the generated world should move accounts out of {s.Item1}"));

        var (counts, opportunityDays, wonDays) = ExpectedCohort();
        var cohort = data.GetProperty("cohort").GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(counts, cohort.Select(s => s.GetProperty("accounts").GetInt64()));
        Assert.True(counts[3] > 50, $"the generated cohort should win deals: {string.Join(", ", counts)}");
        AssertDays(opportunityDays, cohort[2]);
        AssertDays(wonDays, cohort[3]);
    }

    private static void AssertDays(List<double> days, JsonElement stage)
    {
        var sorted = days.Order().ToList();
        Assert.Equal(days.Average(), stage.GetProperty("averageDaysFromPrevious").GetDouble(), 6);
        Assert.Equal((sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2, stage.GetProperty("medianDaysFromPrevious").GetDouble(), 6);
    }

    private List<(string?, long, long, long, long)> ExpectedJourney()
    {
        var accounts = _world.Accounts.Select(a => (string)a[0]!).ToList();
        var events = Events().ToLookup(e => e.Account);
        var deals = Latest(_world.Opportunities).ToLookup(o => (string)o[1]!);
        var atStart = new long[5];
        var atEnd = new long[5];
        var entered = new long[5];
        var progressed = new long[5];
        foreach (var account in accounts)
        {
            int StageAt(DateTime t)
            {
                var mine = deals[account].ToList();
                if (mine.Any(o => (string)o[4]! == "won" && (DateTime?)o[3] < t))
                {
                    return 4;
                }

                if (mine.Any(o => (DateTime)o[2]! < t && ((string)o[4]! == "open" || (DateTime?)o[3] >= t)))
                {
                    return 3;
                }

                var recent = events[account].Where(e => e.At >= t.AddDays(-LookbackDays) && e.At < t).ToList();
                return recent.Sum(e => e.Points) >= ScoringModel.Default.Threshold ? 2 : recent.Count > 0 ? 1 : 0;
            }

            var days = Enumerable.Range(0, (To - From).Days + 1).Select(d => StageAt(From.AddDays(d))).ToList();
            atStart[days[0]]++;
            atEnd[days[^1]]++;
            foreach (var stage in days.Skip(1).Where((s, i) => s != days[i]).Distinct())
            {
                entered[stage]++;
            }

            if (days[^1] > days[0])
            {
                progressed[days[0]]++;
            }
        }

        return Enumerable.Range(0, 5).Select(s => ((string?)Stages[s], atStart[s], atEnd[s], entered[s], progressed[s])).ToList();
    }

    private (long[] Counts, List<double> OpportunityDays, List<double> WonDays) ExpectedCohort()
    {
        var deals = Latest(_world.Opportunities).ToLookup(o => (string)o[1]!);
        var opportunityDays = new List<double>();
        var wonDays = new List<double>();
        var engaged = 0;
        foreach (var account in Events().Where(e => e.At >= From && e.At < To).GroupBy(e => e.Account))
        {
            var running = 0.0;
            DateTime? engagedAt = null;
            foreach (var e in account.OrderBy(e => e.At))
            {
                running += e.Points;
                if (running >= ScoringModel.Default.Threshold)
                {
                    engagedAt = e.At;
                    break;
                }
            }

            if (engagedAt is not { } at)
            {
                continue;
            }

            engaged++;
            var start = at.Date;
            var end = start.AddDays(ConversionDays);
            var converting = deals[account.Key].Where(o => (DateTime)o[2]! >= start && (DateTime)o[2]! < end).ToList();
            if (converting.Count == 0)
            {
                continue;
            }

            opportunityDays.Add(Math.Max(0, (converting.Min(o => (DateTime)o[2]!) - at).TotalDays));
            var won = converting.Where(o => (string)o[4]! == "won" && (DateTime?)o[3] < end).MinBy(o => (DateTime)o[3]!);
            if (won is not null)
            {
                wonDays.Add(((DateTime)won[3]! - (DateTime)won[2]!).TotalDays);
            }
        }

        return ([_world.Accounts.Count, engaged, opportunityDays.Count, wonDays.Count], opportunityDays, wonDays);
    }

    private IEnumerable<(string Account, DateTime At, double Points)> Events() => _world.Events.Select(e =>
    {
        var url = (string)e[9]!;
        var path = (string)e[3]! == "web" && url.Length > 0 ? new Uri(url).AbsolutePath : string.Empty;
        return ((string)e[5]!, (DateTime)e[1]!, ScoringModel.Default.PointsOf((string)e[3]!, (string)e[4]!, path));
    });

    /// <summary>
    /// Accounts with 0 to 14 events over the 120 days before the window's end (so the lookback matters), and 0 to 3
    /// opportunities created from two months before the window, some re-imported with an older version.
    /// </summary>
    private static Story Generate(Random random, int accounts)
    {
        (string Channel, string Type)[] kinds =
        [
            ("ad", "impression"), ("ad", "click"), ("email", "open"), ("email", "click"), ("web", "page_view"), ("web", "page_view"),
            ("web", "form_submit"), ("event", "attended"), ("other", "call"),
        ];
        string[] paths = ["/blog/a", "/pricing", "/docs/start", "/demo", "/about"];
        var story = new Story();
        for (var i = 0; i < accounts; i++)
        {
            var id = $"j{i:D5}";
            story.Account(id);
            for (var n = random.Next(0, 15); n > 0; n--)
            {
                var (channel, type) = kinds[random.Next(kinds.Length)];
                var url = channel == "web" ? $"https://site.example{paths[random.Next(paths.Length)]}" : string.Empty;
                story.Event(id, To.AddDays(-120).AddMinutes(random.Next(0, 120 * 24 * 60)), channel, type, url);
            }

            for (var n = random.Next(0, 4); n > 0; n--)
            {
                var created = From.AddDays(-60).AddMinutes(random.Next(0, 90 * 24 * 60));
                var status = new[] { "open", "won", "won", "lost" }[random.Next(4)];
                DateTime? closed = status == "open" ? null : created.AddMinutes(random.Next(60, 45 * 24 * 60));
                story.Opportunity($"{id}-o{n}", id, created, closed, status, 1000m);
                if (random.Next(6) == 0)
                {
                    story.Opportunity($"{id}-o{n}", id, created, created.AddDays(1), "won", 1000m, updatedAt: Day(1).AddDays(-200));  // an older version
                }
            }
        }

        return story;
    }
}
