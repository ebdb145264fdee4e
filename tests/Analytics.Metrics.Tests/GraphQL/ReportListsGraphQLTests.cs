using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>A server with two new opportunities and two detractor comments, for the lists the weekly report prints.</summary>
public sealed class ReportListsHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(ReportListsGraphQLTests));

    public async Task InitializeAsync() => await new Story()
        .Account("acme", owner: "ana", name: "Acme Corp").Account("globex", owner: "bo", name: "Globex")
        .Opportunity("o1", "acme", Day(3, 9.5), null, "open", 12_500.5m, "new")
        .Opportunity("o2", "globex", Day(4), Day(6), "lost", null)
        .Answer("n1", "nps", Day(3), 9, "acme", "smb", "Great dashboard")
        .Answer("n2", "nps", Day(4), 3, "globex", "enterprise", "The export is broken")
        .LoadAsync(Host.Gateway);

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

[Collection(GraphQLHosts.Collection)]
public sealed class ReportListsGraphQLTests(ReportListsHost fixture) : IClassFixture<ReportListsHost>
{
    [Fact]
    public async Task New_opportunities_for_a_sales_key()
    {
        var (status, body) = await fixture.Host.QueryAsync("""
            { newOpportunities(from: "2026-03-02", to: "2026-03-09", first: 5) { totalCount totalAmount
                opportunities { opportunityId accountId accountName owner createdAt status stage amount type } } }
            """, key: GraphQLHost.SalesKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"data":{"newOpportunities":{"totalCount":2,"totalAmount":12500.5,"opportunities":[""" +
            """{"opportunityId":"o1","accountId":"acme","accountName":"Acme Corp","owner":"ana","createdAt":"2026-03-03T09:30:00.000Z","status":"open","stage":null,"amount":12500.5,"type":"new"},""" +
            """{"opportunityId":"o2","accountId":"globex","accountName":"Globex","owner":"bo","createdAt":"2026-03-04T00:00:00.000Z","status":"lost","stage":null,"amount":null,"type":null}]}}}""",
            body.GetRawText());
    }

    [Fact]
    public async Task Detractor_comments_for_a_sales_key()
    {
        var (status, body) = await fixture.Host.QueryAsync("""
            { surveyComments(from: "2026-03-02", to: "2026-03-09", survey: "nps", maxScore: 6) { responseId survey respondedAt score comment accountId accountName segment } }
            """, key: GraphQLHost.SalesKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"data":{"surveyComments":[{"responseId":"n2","survey":"nps","respondedAt":"2026-03-04T00:00:00.000Z","score":3,"comment":"The export is broken","accountId":"globex","accountName":"Globex","segment":"enterprise"}]}}""",
            body.GetRawText());
    }

    [Theory]
    [InlineData("""{ newOpportunities(from: "2026-03-02", to: "2026-03-09") { totalCount } }""", "newOpportunities")]
    [InlineData("""{ surveyComments(from: "2026-03-02", to: "2026-03-09") { comment } }""", "surveyComments")]
    [InlineData("""{ surgingAccounts(from: "2026-03-02", to: "2026-03-09") { accountId } }""", "surgingAccounts")]
    public async Task A_viewer_key_may_not_list_accounts(string query, string field)
    {
        var (status, body) = await fixture.Host.QueryAsync(query, key: GraphQLHost.ViewerKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"The field '{field}' needs an API key with the 'sales' role.", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
