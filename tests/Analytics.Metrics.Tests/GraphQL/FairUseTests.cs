using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// A server whose keys may spend 2,000 points a minute (so a document may cost as much, not the default 5,000) and run
/// one GraphQL request at a time, none waiting.
/// </summary>
public sealed class FairUseHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(FairUseTests), new Dictionary<string, string?>
    {
        ["GraphQL:CostPerMinutePerKey"] = "2000",
        ["GraphQL:MaxComplexity"] = "2000",
        ["GraphQL:MaxInFlightPerKey"] = "1",
        ["GraphQL:QueuedPerKey"] = "0",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>A server whose keys may hold the engine's query slots for 0.1 s a minute: a few documents put a key in debt.</summary>
public sealed class EngineTimeHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(EngineTimeHost), new Dictionary<string, string?>
    {
        ["GraphQL:EngineSecondsPerMinutePerKey"] = "0.1",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// Issue 16, finding 4: one key must not stall everyone. Complexity counts the work a metric starts (its window,
/// grouping and trend), each key pays for its documents from a budget, and runs a bounded number at once.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class FairUseTests(FairUseHost fair, EngineTimeHost engineTime) : IClassFixture<FairUseHost>, IClassFixture<EngineTimeHost>
{
    private GraphQLHost Host => fair.Host;

    [Fact]
    public async Task A_key_whose_statements_held_the_engine_past_its_minute_gets_429_until_paid_off()
    {
        // Complexity is far within budget here; what runs out is the engine time the statements really took. Each
        // document ends a day earlier: a kept answer costs no engine time, so the same document again would be free.
        static string Heavy(int daysEarlier) => $$"""{ funnel(from: "2025-01-01", to: "{{new DateOnly(2026, 1, 1).AddDays(-daysEarlier):yyyy-MM-dd}}", groupBy: INDUSTRY, interval: WEEK) { stages { accounts } } }""";
        HttpResponseMessage? refused = null;
        var served = 0;
        for (var i = 0; i < 100 && refused is null; i++)
        {
            var response = await PostAsync(engineTime.Host, Heavy(i), GraphQLHost.ViewerKey);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served++;
            }
            else
            {
                refused = response;
            }
        }

        Assert.True(served > 0, "the key's first document runs");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused?.StatusCode);
        // 0.1 s a minute refills 1.7 ms a second: a debt of a few milliseconds takes seconds to pay off.
        Assert.True(refused!.Headers.RetryAfter?.Delta is { TotalSeconds: >= 2 }, $"Retry-After must cover the debt; it is {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineTime.Host, Heavy(0), GraphQLHost.SalesKey)).StatusCode);
    }

    [Fact]
    public async Task Aliased_long_window_funnels_cost_their_work_and_are_refused()
    {
        // The reproduction: 150 aliased year-long funnels by industry with a trend passed the field-counting limit.
        var funnels = string.Join(' ', Enumerable.Range(0, 150).Select(i =>
            $"f{i}: funnel(from: \"2025-01-01\", to: \"2026-01-01\", groupBy: INDUSTRY, interval: WEEK) {{ stages {{ accounts }} }}"));
        var (status, body) = await Host.QueryAsync($"{{ {funnels} }}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal("COMPLEXITY", error.GetProperty("extensions").GetProperty("code").GetString());
        // Each funnel: 10 points × 365/28 periods × 2 (grouped) × 2 (trend) = 521, and some for the fields it selects.
        var message = error.GetProperty("message").GetString()!;
        var complexity = double.Parse(Regex.Match(message, @"Complexity is ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(complexity / 150, 521, 560);
    }

    [Fact]
    public async Task A_key_that_spends_its_budget_gets_429_with_retry_after_while_another_key_is_served()
    {
        // A year's funnel by industry with a trend costs about 520 points: the fourth within a minute finds 2,000 spent.
        const string Heavy = """{ funnel(from: "2025-01-01", to: "2026-01-01", groupBy: INDUSTRY, interval: WEEK) { stages { accounts } } }""";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6 && refused is null; i++)
        {
            var response = await PostAsync(Heavy, GraphQLHost.ViewerKey);
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "429 must say when to come back");
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RATE_LIMITED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // Another key's budget is its own.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Heavy, GraphQLHost.SalesKey)).StatusCode);
    }

    [Fact]
    public async Task A_key_runs_its_allowed_requests_at_once_and_more_get_429()
    {
        // Many cheap requests of one key at once: with one in flight and none waiting, some are refused with 429 and
        // Retry-After; every other key is unaffected.
        const string Cheap = "{ scoringModel { threshold } }";
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => PostAsync(Cheap, GraphQLHost.AdminKey)));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Cheap, GraphQLHost.SalesKey)).StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string query, string key) => PostAsync(Host, query, key);

    private static async Task<HttpResponseMessage> PostAsync(GraphQLHost host, string query, string key)
    {
        using var client = host.ClientWith(key);
        return await client.PostAsJsonAsync("/graphql", new { query });
    }
}
