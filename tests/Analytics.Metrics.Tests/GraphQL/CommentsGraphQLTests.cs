using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>A server with two commented answers, for the comments query.</summary>
public sealed class CommentsHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(CommentsGraphQLTests));

    public async Task InitializeAsync() => await new Story()
        .Account("acme", "Software", "1").Account("globex", "Manufacturing", "2")
        .Answer("n1", "nps", Day(3), 10, "acme", "smb", "Great dashboard, love the reports")
        .Answer("n2", "nps", Day(4), 3, "globex", "enterprise", "The dashboard export is broken")
        .LoadAsync(Host.Gateway);

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

[Collection(GraphQLHosts.Collection)]
public sealed class CommentsGraphQLTests(CommentsHost fixture) : IClassFixture<CommentsHost>
{
    [Fact]
    public async Task Comments_by_tier_for_a_viewer()
    {
        var (status, body) = await fixture.Host.QueryAsync("""
            { comments(from: "2026-03-02", to: "2026-03-09", survey: "nps", groupBy: TIER, themes: 2) {
                comments positive neutral negative themes { word comments } groups { key comments positive negative themes { word } } } }
            """, key: GraphQLHost.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"data":{"comments":{"comments":2,"positive":1,"neutral":0,"negative":1,"themes":[{"word":"dashboard","comments":2},{"word":"export","comments":1}],"groups":[{"key":"1","comments":1,"positive":1,"negative":0,"themes":[{"word":"dashboard"},{"word":"reports"}]},{"key":"2","comments":1,"positive":0,"negative":1,"themes":[{"word":"dashboard"},{"word":"export"}]}]}}}""",
            body.GetRawText());
    }

    [Fact]
    public async Task An_unknown_survey_is_a_clear_error()
    {
        var (_, body) = await fixture.Host.QueryAsync("""{ comments(from: "2026-03-02", to: "2026-03-09", survey: "ces") { comments } }""", key: GraphQLHost.ViewerKey);

        Assert.Contains("Unknown survey 'ces'", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
