using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// abm-q1 has acme and globex on it (initech was removed); churned had only hooli, removed since. Both are lists the
/// metrics accept, so both are listed, churned with no accounts.
/// </summary>
public sealed class TargetListsHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(TargetListsGraphQLTests));

    public async Task InitializeAsync() => await new Story()
        .OnList("abm-q1", "acme").OnList("abm-q1", "globex").OnList("abm-q1", "initech", removedAt: Day(2))
        .OnList("churned", "hooli", removedAt: Day(1))
        .LoadAsync(Host.Gateway);

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

[Collection(GraphQLHosts.Collection)]
public sealed class TargetListsGraphQLTests(TargetListsHost fixture) : IClassFixture<TargetListsHost>
{
    [Fact]
    public async Task Every_list_is_listed_by_name_with_its_accounts_now()
    {
        var (status, body) = await fixture.Host.QueryAsync("{ targetLists { name accounts } }");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"targetLists":[{"name":"abm-q1","accounts":2},{"name":"churned","accounts":0}]}}""", body.GetRawText());
    }

    [Fact]
    public async Task A_list_left_without_members_is_still_one_the_funnel_accepts()
    {
        var (status, body) = await fixture.Host.QueryAsync("""{ funnel(from: "2026-03-02", to: "2026-03-09", targetList: "churned") { stages { name accounts } } }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"funnel":{"stages":[{"name":"TARGET","accounts":0},{"name":"ENGAGED","accounts":0},{"name":"OPPORTUNITY","accounts":0},{"name":"WON","accounts":0}]}}}""", body.GetRawText());
    }
}
