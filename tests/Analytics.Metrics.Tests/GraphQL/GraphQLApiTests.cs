using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>One server with a small story loaded, shared by the tests of this class (they only read).</summary>
public sealed class StoryHost : IAsyncLifetime
{
    internal GraphQLHost Host { get; } = new(nameof(GraphQLApiTests));

    public async Task InitializeAsync() => await new Story()
        .Account("acme", "Software", "1", "US", "alice", name: "Acme, \"the\" Corp").Account("globex", "Manufacturing", "2")
        .OnList("q1", "acme").OnList("q1", "globex")
        .Event("acme", Day(3, 10), "web", "form_submit").PageViews("globex", Day(4), 3, "https://globex.example/demo")
        .Opportunity("o1", "acme", Day(3), Day(5), "won", 1000m, "new").Opportunity("o2", "globex", Day(4), Day(6), "lost", 10m)
        .Answer("n1", "nps", Day(3), 10, "acme", "smb").Answer("n2", "nps", Day(4), 3, "globex", "enterprise")
        .Answer("c1", "csat", Day(4), 5, "acme")
        .LoadAsync(Host.Gateway);

    public async Task DisposeAsync()
    {
        await Host.DropDatabaseAsync();
        await Host.DisposeAsync();
    }
}

[Collection(GraphQLHosts.Collection)]
public sealed class GraphQLApiTests(StoryHost story) : IClassFixture<StoryHost>
{
    private GraphQLHost Host => story.Host;

    [Fact]
    public async Task The_contract_queries_answer_the_story()
    {
        var (status, body) = await Host.QueryAsync("""
            {
              funnel(from: "2026-03-02", to: "2026-03-09", targetList: "q1") { stages { name accounts conversionFromPrevious } groups { key } }
              salesVelocity(from: "2026-03-02", to: "2026-03-09") { won lost open winRate averageDealSize averageDaysToClose medianDaysToClose velocityPerDay groups { key } }
              nps(from: "2026-03-02", to: "2026-03-09", interval: WEEK, groupBy: SEGMENT) { responses promoters passives detractors score marginOfError
                trend { periodStart responses score } groups { key responses score } }
              csat(from: "2026-03-02", to: "2026-03-09") { responses satisfied score trend { periodStart } groups { key } }
            }
            """, key: GraphQLHost.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"data":{"funnel":{"stages":[{"name":"TARGET","accounts":2,"conversionFromPrevious":null},{"name":"ENGAGED","accounts":2,"conversionFromPrevious":1},{"name":"OPPORTUNITY","accounts":2,"conversionFromPrevious":1},{"name":"WON","accounts":1,"conversionFromPrevious":0.5}],"groups":[]},"salesVelocity":{"won":1,"lost":1,"open":0,"winRate":0.5,"averageDealSize":1000,"averageDaysToClose":2,"medianDaysToClose":2,"velocityPerDay":0,"groups":[]},"nps":{"responses":2,"promoters":1,"passives":0,"detractors":1,"score":0,"marginOfError":138.59292911256333,"trend":[{"periodStart":"2026-03-02","responses":2,"score":0}],"groups":[{"key":"enterprise","responses":1,"score":-100},{"key":"smb","responses":1,"score":100}]},"csat":{"responses":1,"satisfied":1,"score":100,"trend":[],"groups":[]}}}""",
            body.GetRawText());
    }

    /// <summary>
    /// A trend chart asks for the trend alone: it gets the same trend as a query that also asks for the stages (whose
    /// figures come from another query), its targets from the trend's own.
    /// </summary>
    [Fact]
    public async Task A_trend_asked_alone_equals_the_trend_asked_with_the_stages()
    {
        const string Trend = "trend { periodStart stages { name accounts } }";
        var (_, alone) = await Host.QueryAsync($$"""{ funnel(from: "2026-03-02", to: "2026-03-16", targetList: "q1", interval: WEEK) { {{Trend}} } }""");
        var (_, both) = await Host.QueryAsync($$"""
            { funnel(from: "2026-03-02", to: "2026-03-16", targetList: "q1", interval: WEEK) { stages { name accounts } {{Trend}} } }
            """);

        var trend = alone.GetProperty("data").GetProperty("funnel").GetProperty("trend");
        Assert.Equal(both.GetProperty("data").GetProperty("funnel").GetProperty("trend").GetRawText(), trend.GetRawText());
        Assert.Equal(
            """[{"periodStart":"2026-03-02","stages":[{"name":"TARGET","accounts":2},{"name":"ENGAGED","accounts":2},{"name":"OPPORTUNITY","accounts":2},{"name":"WON","accounts":1}]},""" +
            """{"periodStart":"2026-03-09","stages":[{"name":"TARGET","accounts":2},{"name":"ENGAGED","accounts":0},{"name":"OPPORTUNITY","accounts":0},{"name":"WON","accounts":0}]}]""",
            trend.GetRawText());
    }

    [Fact]
    public async Task Engaged_accounts_come_as_a_connection_for_a_sales_key()
    {
        var (status, body) = await Host.QueryAsync("""
            { engagedAccounts(from: "2026-03-02", to: "2026-03-09", first: 1) { totalCount edges { cursor node { accountId name score surge lastActivityAt openOpportunities } } pageInfo { hasNextPage endCursor } } }
            """, key: GraphQLHost.SalesKey);

        var connection = body.GetProperty("data").GetProperty("engagedAccounts");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, connection.GetProperty("totalCount").GetInt32());
        Assert.Equal(
            """{"accountId":"globex","name":"globex","score":15,"surge":null,"lastActivityAt":"2026-03-04T02:00:00.000Z","openOpportunities":0}""",
            connection.GetProperty("edges")[0].GetProperty("node").GetRawText());
        Assert.True(connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(connection.GetProperty("edges")[0].GetProperty("cursor").GetString(), connection.GetProperty("pageInfo").GetProperty("endCursor").GetString());
    }

    public static TheoryData<string?, string, HttpStatusCode, string?> Access() => new()
    {
        { null, "{ scoringModel { threshold } }", HttpStatusCode.Unauthorized, null },
        { GraphQLHost.IngestKey, "{ scoringModel { threshold } }", HttpStatusCode.Forbidden, null },
        { GraphQLHost.ViewerKey, "{ scoringModel { threshold } }", HttpStatusCode.OK, null },
        { GraphQLHost.ViewerKey, """{ engagedAccounts(from: "2026-03-02", to: "2026-03-09") { totalCount } }""", HttpStatusCode.BadRequest, "The field 'engagedAccounts' needs an API key with the 'sales' role." },
        { GraphQLHost.ViewerKey, """{ account(id: "acme", from: "2026-03-02", to: "2026-03-09") { name } }""", HttpStatusCode.BadRequest, "The field 'account' needs an API key with the 'sales' role." },
        { GraphQLHost.SalesKey, """{ account(id: "acme", from: "2026-03-02", to: "2026-03-09") { name } }""", HttpStatusCode.OK, null },
        { GraphQLHost.SalesKey, "mutation { resetScoringModel { threshold } }", HttpStatusCode.BadRequest, "The field 'resetScoringModel' needs an API key with the 'admin' role." },
        { GraphQLHost.AdminKey, """{ engagedAccounts(from: "2026-03-02", to: "2026-03-09") { totalCount } }""", HttpStatusCode.OK, null },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Fields_need_their_role(string? key, string query, HttpStatusCode expected, string? error)
    {
        using var client = Host.ClientWith(key);
        using var response = await client.PostAsync("/graphql", JsonContent(query));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (error is not null)
        {
            var first = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];
            Assert.Equal(error, first.GetProperty("message").GetString());
            Assert.Equal("ACCESS_DENIED", first.GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    [Theory]
    [InlineData("""funnel(from: "2026-03-09", to: "2026-03-02")""", "'from' (2026-03-09) must be before 'to' (2026-03-02); the window is [from, to).")]
    [InlineData("""funnel(from: "2026-03-02", to: "2026-03-02")""", "'from' (2026-03-02) must be before 'to' (2026-03-02); the window is [from, to).")]
    [InlineData("""funnel(from: "2020-01-01", to: "2026-03-02")""", "The window from 2020-01-01 to 2026-03-02 is 2252 days long; at most 1096 days are allowed.")]
    [InlineData("""funnel(from: "2026-03-02", to: "2026-03-09", targetList: "nope")""", "There is no target list named 'nope'.")]
    public async Task Bad_arguments_get_a_clear_error_and_no_data(string call, string message)
    {
        var (status, body) = await Host.QueryAsync($"{{ {call} {{ stages {{ name }} }} }}");

        var error = body.GetProperty("errors")[0];
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_refused_before_running()
    {
        var (status, body) = await Host.QueryAsync("""{ nps(from: "March 2nd", to: "2026-03-09") { score } }""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("from", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_type_field_argument_and_enum_value_of_the_schema_is_described()
    {
        var (_, body) = await Host.QueryAsync("""
            { __schema { types { name description fields { name description args { name description } }
                inputFields { name description } enumValues { name description } } } }
            """);

        Assert.False(body.TryGetProperty("errors", out _), body.GetRawText());
        var missing = new List<string>();
        foreach (var type in body.GetProperty("data").GetProperty("__schema").GetProperty("types").EnumerateArray())
        {
            var name = type.GetProperty("name").GetString()!;
            if (name.StartsWith("__", StringComparison.Ordinal) || name is "String" or "Int" or "Float" or "Boolean" or "ID")
            {
                continue;
            }

            Check(type, name);
            foreach (var member in new[] { "fields", "inputFields", "enumValues" }.SelectMany(m => Items(type, m)))
            {
                Check(member, $"{name}.{member.GetProperty("name").GetString()}");
                foreach (var argument in Items(member, "args"))
                {
                    Check(argument, $"{name}.{member.GetProperty("name").GetString()}({argument.GetProperty("name").GetString()})");
                }
            }
        }

        Assert.Empty(missing);

        void Check(JsonElement element, string what)
        {
            if (!element.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.String)
            {
                missing.Add(what);
            }
        }

        static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
            element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }

    [Fact]
    public async Task The_engaged_account_export_is_csv_for_sales_and_refuses_a_viewer()
    {
        using var sales = Host.ClientWith(GraphQLHost.SalesKey);
        using var viewer = Host.ClientWith(GraphQLHost.ViewerKey);

        var csv = await sales.GetStringAsync("/v1/exports/engaged-accounts.csv?from=2026-03-02&to=2026-03-09&targetList=q1");
        using var refused = await viewer.GetAsync("/v1/exports/engaged-accounts.csv?from=2026-03-02&to=2026-03-09");
        using var backwards = await sales.GetAsync("/v1/exports/engaged-accounts.csv?from=2026-03-09&to=2026-03-02");

        Assert.Equal(
            "account_id,name,tier,owner,score,surge,points_this_week,previous_weekly_mean,last_activity_at,open_opportunities\r\n"
            + "globex,globex,2,,15,,15,0,2026-03-04T02:00:00.000Z,0\r\n"
            + "acme,\"Acme, \"\"the\"\" Corp\",1,alice,10,,10,0,2026-03-03T10:00:00.000Z,0\r\n",
            csv);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    private static StringContent JsonContent(string query) =>
        new(JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json");
}
