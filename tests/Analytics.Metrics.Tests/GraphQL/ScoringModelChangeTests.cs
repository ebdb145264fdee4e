using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// A model change on a running server: the past events are scored with the new model in the very next query (their
/// rollup rows were priced under the old one), and still after the server has re-priced those rows in the background.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class ScoringModelChangeTests : IAsyncLifetime
{
    private const string Score = """{ engagedAccounts(from: "2026-03-02", to: "2026-03-09") { edges { node { accountId score } } } }""";

    private readonly GraphQLHost _host = new(nameof(ScoringModelChangeTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_changed_model_scores_past_events_at_once_and_after_the_repricing()
    {
        var monday = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        await new Story()
            .Account("acme")
            .PageViews("acme", monday, 6, "https://acme.example/Pricing/plans")
            .PageViews("acme", monday.AddDays(1), 4, "https://acme.example/blog")
            .Event("acme", monday.AddDays(2), "email", "open")
            .LoadAsync(_host.Gateway);

        // The default model: 6 high-value page views at 5, 4 page views at 1, an email open at 1.
        Assert.Equal(35, await ScoreAsync());

        var (_, saved) = await _host.QueryAsync("""
            mutation { setScoringModel(model: { rules: [{ channel: "web", type: "page_view", points: 2, highValuePoints: 6 }], highValuePatterns: ["/pricing"], threshold: 8 }) { threshold } }
            """);
        Assert.False(saved.TryGetProperty("errors", out _), saved.GetRawText());

        // 6 × 6 + 4 × 2; email opens no longer count.
        Assert.Equal(44, await ScoreAsync());
        await WaitUntilEveryRowIsPricedWithTheStoredModelAsync();
        Assert.Equal(44, await ScoreAsync());
    }

    private async Task<double> ScoreAsync()
    {
        var (_, body) = await _host.QueryAsync(Score);
        var edges = body.GetProperty("data").GetProperty("engagedAccounts").GetProperty("edges");
        Assert.Equal("acme", edges[0].GetProperty("node").GetProperty("accountId").GetString());
        return edges[0].GetProperty("node").GetProperty("score").GetDouble();
    }

    private async Task WaitUntilEveryRowIsPricedWithTheStoredModelAsync()
    {
        var stored = await _host.Services.GetRequiredService<ScoringModelStore>().StoredAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("No model is stored.");
        var repricing = _host.Services.GetRequiredService<RollupRepricing>();
        await Eventually.MatchAsync("no rollup row to be priced under another model (rows still so)",
            () => repricing.StaleRowsAsync(stored, CancellationToken.None), stale => stale == 0);
    }
}
