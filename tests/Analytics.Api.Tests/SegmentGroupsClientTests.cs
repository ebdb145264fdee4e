namespace Analytics.Api.Tests;

/// <summary>
/// Segment's own Node library (@segment/analytics-node, pinned in tests/clients) against the real server, as a B2B
/// product uses it: its users grouped under the product's organisation id with the company's domain, which the CRM
/// knows under another id. The CRM account gets the events and their points, keeps its name, and the organisation id
/// is no account of its own.
/// </summary>
public sealed class SegmentGroupsClientTests : IAsyncLifetime
{
    private const string OrgId = "org_8812";
    private const string CrmId = "acct-001";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(HostSettings.NewDataFolder()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Group_calls_with_an_org_id_and_the_crm_domain_score_a_demo_request_for_the_crm_account()
    {
        await ImportAccountsAsync($"account_id,name,domain,tier\n{CrmId},Acme Robotics,acme-robotics.com,Tier 1\nacct-002,Globex,globex.com,Tier 2\n");
        var price = await DemoRequestPriceAsync();

        await SendAsync("group");
        // The page view of the blog: 1 point in the default model.
        var before = await ScoresAsync(s => s.ContainsKey(CrmId));
        await SendAsync("demo");
        var after = await ScoresAsync(s => s.GetValueOrDefault(CrmId).Score > before[CrmId].Score);

        Assert.Equal(20, price);
        Assert.Equal([(CrmId, "Acme Robotics", 1.0)], before.Values.Select(a => (a.Id, a.Name, a.Score)));
        Assert.Equal([(CrmId, "Acme Robotics", 1.0 + price)], after.Values.Select(a => (a.Id, a.Name, a.Score)));
        var account = (await GraphQLAsync($$"""{ account(id: "{{CrmId}}", from: "{{Today}}", to: "{{Tomorrow}}") { name industry events { type } } }""")).GetProperty("account");
        Assert.Equal("Acme Robotics", account.GetProperty("name").GetString());
        Assert.Equal("Robotics", account.GetProperty("industry").GetString());
        Assert.Equal(["demo_requested", "page_view"], account.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Null, (await GraphQLAsync($$"""{ account(id: "{{OrgId}}", from: "{{Today}}", to: "{{Tomorrow}}") { name } }""")).GetProperty("account").ValueKind);
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Tomorrow => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task SendAsync(string step)
    {
        var output = await NodeClients.RunAsync("segment-groups.mjs", new Dictionary<string, string>
        {
            ["SERVER_URL"] = _server.Client.BaseAddress!.ToString().TrimEnd('/'),
            ["WRITE_KEY"] = HostSettings.IngestKey,
            ["ORG_ID"] = OrgId,
            ["DOMAIN"] = "acme-robotics.com",
            ["STEP"] = step,
        });
        Assert.Contains("\"answers\":[200", output, StringComparison.Ordinal);
    }

    /// <summary>Every account with points in today's window (minScore 0, so a phantom at any score would show), once <paramref name="done"/> holds.</summary>
    private async Task<Dictionary<string, (string Id, string? Name, double Score)>> ScoresAsync(Func<Dictionary<string, (string Id, string? Name, double Score)>, bool> done) =>
        await Eventually.MatchAsync("the accounts' scores", async () =>
        {
            var data = await GraphQLAsync($$"""{ engagedAccounts(from: "{{Today}}", to: "{{Tomorrow}}", minScore: 0) { edges { node { accountId name score } } } }""");
            return data.GetProperty("engagedAccounts").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
                .Select(n => (Id: n.GetProperty("accountId").GetString()!, Name: n.GetProperty("name").GetString(), Score: n.GetProperty("score").GetDouble()))
                .ToDictionary(a => a.Id);
        }, done);

    private async Task<double> DemoRequestPriceAsync()
    {
        var rules = (await GraphQLAsync("{ scoringModel { rules { channel type points } } }")).GetProperty("scoringModel").GetProperty("rules");
        return rules.EnumerateArray().Single(r => r.GetProperty("channel").GetString() == "web" && r.GetProperty("type").GetString() == "demo_requested")
            .GetProperty("points").GetDouble();
    }

    private async Task ImportAccountsAsync(string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import/accounts") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The import is acknowledged once spooled: the group calls must find the account stored.
        await Eventually.MatchAsync("the CRM accounts to be stored", () => _server.StoredRowsAsync("accounts"), n => n >= 2);
    }

    private async Task<JsonElement> GraphQLAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
        using var response = await _server.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }
}
