namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>One server with tight limits, shared by the tests of this class.</summary>
public sealed class TightHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(GraphQLLimitsTests), new Dictionary<string, string?>
    {
        ["GraphQL:MaxDepth"] = "3",
        ["GraphQL:MaxComplexity"] = "60",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

[Collection(GraphQLHosts.Collection)]
public sealed class GraphQLLimitsTests(TightHost tight) : IClassFixture<TightHost>
{
    private GraphQLHost Host => tight.Host;

    [Fact]
    public async Task A_query_nested_deeper_than_the_limit_is_refused()
    {
        var (status, body) = await Host.QueryAsync("""{ funnel(from: "2026-03-02", to: "2026-03-09") { groups { stages { name } } } }""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Query is too nested to execute.", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_more_complex_than_the_limit_is_refused_and_a_simple_one_runs()
    {
        var fields = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"m{i}: scoringModel {{ threshold }}"));

        var (status, body) = await Host.QueryAsync($"{{ {fields} }}");
        var (simpleStatus, simple) = await Host.QueryAsync("{ scoringModel { __typename } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COMPLEXITY", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, simpleStatus);
        Assert.Equal("""{"data":{"scoringModel":{"__typename":"ScoringModel"}}}""", simple.GetRawText());
    }

    [Fact]
    public async Task An_admin_changes_the_scoring_model_and_a_bad_model_is_refused()
    {
        var (status, body) = await Host.QueryAsync("""
            mutation { setScoringModel(model: { rules: [{ channel: "web", type: "page_view", points: 2, highValuePoints: 6 }], highValuePatterns: ["/pricing"], threshold: 8 }) { threshold } }
            """);
        var (_, bad) = await Host.QueryAsync("""
            mutation { setScoringModel(model: { rules: [], highValuePatterns: [""], threshold: 0 }) { threshold } }
            """);
        var (_, current) = await Host.QueryAsync("{ scoringModel { threshold } }", key: GraphQLHost.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"setScoringModel":{"threshold":8}}}""", body.GetRawText());
        Assert.Equal(
            "The scoring model is not valid: threshold must be a positive number. a high-value URL pattern cannot be empty (it would match every page).",
            bad.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("""{"data":{"scoringModel":{"threshold":8}}}""", current.GetRawText());
    }
}
