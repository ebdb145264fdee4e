using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// Rule lists through the API of a whole server: saved by an admin, listed beside the imported ones, their rule and
/// history for admins only; an intent import adds members; the CSV import and a save keep the two kinds' names apart.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class RuleListsGraphQLTests : IAsyncLifetime
{
    private const string Save = """
        mutation($name: String!, $rule: TargetListRuleInput!) {
          saveTargetListRule(name: $name, rule: $rule) { name kind accounts rule { description anyOf { tiers intentTopic minIntentScore } } }
        }
        """;

    private readonly GraphQLHost _host = new(nameof(RuleListsGraphQLTests));

    public async Task InitializeAsync() => await new Story()
        .Account("acme", "fintech", "1").Account("globex", "retail", "2").Account("initech", "fintech", "3")
        .OnList("abm", "acme")
        .LoadAsync(_host.Gateway);

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    private static object Rule(params object[] anyOf) => new { anyOf };

    private async Task<string> ImportAsync(string kind, string csv)
    {
        using var client = _host.ClientWith(GraphQLHost.IngestKey);
        using var response = await client.PostAsync($"/v1/import/{kind}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    [Fact]
    public async Task An_admin_saves_a_rule_list_that_every_role_sees_beside_the_imported_ones_and_an_intent_import_adds_a_member()
    {
        var rule = Rule(new { tiers = new[] { "1" } }, new { intentTopic = "Data Warehouse", minIntentScore = 50 });

        var (status, saved) = await _host.QueryAsync(Save, new { name = "tier 1 or dw", rule });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"data":{"saveTargetListRule":{"name":"tier 1 or dw","kind":"RULE","accounts":1,"rule":{"description":"tier 1, or intent for \u0027Data Warehouse\u0027 scored at least 50","anyOf":[{"tiers":["1"],"intentTopic":null,"minIntentScore":null},{"tiers":null,"intentTopic":"Data Warehouse","minIntentScore":50}]}}}}""",
            saved.GetRawText());

        // The provider's file names globex by its id, this week.
        var today = DateOnly.FromDateTime(_host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        await ImportAsync("intent", $"account_id,topic,score,week\r\nglobex,data warehouse,72,{monday:yyyy-MM-dd}\r\n");
        var to = today.AddDays(1);
        await Eventually.MatchAsync("globex's intent to be stored", async () =>
            (await _host.QueryAsync($$"""{ account(id: "globex", from: "{{to.AddDays(-7):yyyy-MM-dd}}", to: "{{to:yyyy-MM-dd}}") { intent { topic score week } } }""")).Body.GetRawText(),
            body => body.Contains("\"score\":72", StringComparison.Ordinal));
        await _host.QueryAsync(Save, new { name = "tier 1 or dw", rule });

        var (_, lists) = await _host.QueryAsync("{ targetLists { name kind accounts } }", key: GraphQLHost.ViewerKey);
        var (_, changes) = await _host.QueryAsync("""{ targetLists { name changes(first: 5) { accountId joined } } }""");
        var (_, denied) = await _host.QueryAsync("{ targetLists { name rule { description } } }", key: GraphQLHost.ViewerKey);
        var (_, funnel) = await _host.QueryAsync($$"""{ funnel(from: "{{to.AddDays(-7):yyyy-MM-dd}}", to: "{{to:yyyy-MM-dd}}", targetList: "tier 1 or dw") { stages { name accounts } } }""");

        Assert.Equal("""{"data":{"targetLists":[{"name":"abm","kind":"IMPORTED","accounts":1},{"name":"tier 1 or dw","kind":"RULE","accounts":2}]}}""", lists.GetRawText());
        Assert.Equal(
            """{"data":{"targetLists":[{"name":"abm","changes":[]},{"name":"tier 1 or dw","changes":[{"accountId":"globex","joined":true},{"accountId":"acme","joined":true}]}]}}""",
            changes.GetRawText());
        Assert.Equal("ACCESS_DENIED", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(2, funnel.GetProperty("data").GetProperty("funnel").GetProperty("stages")[0].GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task A_rule_that_does_not_fit_or_takes_an_imported_name_is_refused_and_the_import_refuses_a_rule_lists_name()
    {
        var (_, stage) = await _host.QueryAsync(Save, new { name = "l", rule = Rule(new { stages = new[] { "LEAD" } }) });
        var (_, imported) = await _host.QueryAsync(Save, new { name = "abm", rule = Rule(new { tiers = new[] { "1" } }) });
        var (_, viewer) = await _host.QueryAsync(Save, new { name = "l", rule = Rule(new { tiers = new[] { "1" } }) }, GraphQLHost.ViewerKey);
        await _host.QueryAsync(Save, new { name = "tier 2", rule = Rule(new { tiers = new[] { "2" } }) });

        var answer = JsonDocument.Parse(await ImportAsync("target-accounts", "list,account_id\r\ntier 2,acme\r\nabm,globex\r\n")).RootElement;

        Assert.Equal(
            "Condition 1 of 'anyOf': 'LEAD' is not a journey stage; stages are TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER.",
            stage.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("INVALID_ARGUMENT", stage.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("'abm' is an imported target list; a rule list needs a name of its own.", imported.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("ACCESS_DENIED", viewer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            """[{"line":2,"message":"list tier 2 is a rule list: its members are computed from its rule, not imported (name an imported list)"}]""",
            answer.GetProperty("errors").GetRawText());
    }
}
