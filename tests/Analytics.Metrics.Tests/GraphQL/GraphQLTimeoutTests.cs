using Microsoft.Extensions.DependencyInjection;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

[Collection(GraphQLHosts.Collection)]
public sealed class GraphQLTimeoutTests
{
    /// <summary>
    /// A limit of one millisecond: no query that reaches the engine finishes in time. The answer is a TIMEOUT error
    /// (not a hung request, not a 500), and the engine, whose queries were cancelled under it, answers the same query
    /// in full afterwards.
    /// </summary>
    [Fact]
    public async Task A_query_over_the_time_limit_is_cancelled_with_a_timeout_error_and_the_engine_carries_on()
    {
        // Complexity and budget high enough for the work below, which the default limits (rightly) refuse.
        await using var host = new GraphQLHost(nameof(GraphQLTimeoutTests), new Dictionary<string, string?>
        {
            ["GraphQL:TimeoutSeconds"] = "0.001", ["GraphQL:MaxComplexity"] = "100000", ["GraphQL:CostPerMinutePerKey"] = "100000",
        });
        var story = new Story().Account("acme", "Software").Account("globex", "Retail").PageViews("acme", Day(3), 12).Event("globex", Day(4), "web", "form_submit");
        await story.LoadAsync(host.Gateway);

        // Twelve funnels with their weekly trends: far more work than the limit allows, so the limit's timer fires first
        // even when a loaded machine runs it late.
        var funnels = string.Join(" ", Enumerable.Range(1, 12).Select(i =>
            $$"""f{{i}}: funnel(from: "2025-03-01", to: "2026-03-09", groupBy: FIRST_TOUCH_SOURCE, interval: WEEK) { stages { name accounts } trend { periodStart } }"""));
        var (status, body) = await host.QueryAsync($"{{ {funnels} }}");

        Assert.True(status == HttpStatusCode.OK, body.GetRawText());
        Assert.True(body.TryGetProperty("errors", out var errors), body.GetRawText());
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal("TIMEOUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0ul, await RunningStatementsAsync(host));

        var funnel = await host.Services.GetRequiredService<FunnelQuery>().RunAsync(new FunnelRequest(new DateWindow(Date(1), Date(9))), default);
        Assert.Equal([2L, 2L, 0L, 0L], funnel.Stages.Select(s => s.Accounts));
        await host.DropDatabaseAsync();
    }

    /// <summary>The gateway's statements still running in the engine a moment after the answer (they were killed).</summary>
    private static Task<ulong> RunningStatementsAsync(GraphQLHost host)
    {
        const string Sql = "SELECT count() FROM system.processes WHERE startsWith(query, '/* gateway query') AND query NOT LIKE '%system.processes%'";
        return Eventually.MatchAsync("the cancelled statements to leave the engine (statements still running)", async () =>
        {
            ulong running = 0;
            await foreach (var row in host.Gateway.QueryAsync(Sql))
            {
                running = row.Get<ulong>(0);
            }

            return running;
        }, running => running == 0, TimeSpan.FromSeconds(5));
    }
}
