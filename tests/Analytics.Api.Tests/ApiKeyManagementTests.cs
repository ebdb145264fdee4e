using System.Diagnostics;

namespace Analytics.Api.Tests;

/// <summary>
/// API keys managed through GraphQL on two server processes sharing one ClickHouse database: a key created on one
/// works on both, is listed with its last use and never with its secret, and once revoked on one is refused by both
/// within seconds. Configured keys are listed as such and cannot be revoked through the API.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class ApiKeyManagementTests
{
    [Fact]
    public async Task Create_use_list_and_revoke_a_key_across_two_servers()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        var database = TestEngine.UniqueDatabase(nameof(ApiKeyManagementTests));
        await using var one = await ServerProcess.StartAsync(OnTheDatabase(clickHouse, database));
        await using var two = await ServerProcess.StartAsync(OnTheDatabase(clickHouse, database));

        var created = await GraphQLAsync(one, HostSettings.AdminKey,
            """mutation { createApiKey(name: "CRM sync", roles: ["viewer"]) { key { id name roles source createdBy revokedAt } secret } }""");
        var key = created.GetProperty("createApiKey").GetProperty("key");
        var id = key.GetProperty("id").GetString()!;
        var secret = created.GetProperty("createApiKey").GetProperty("secret").GetString()!;
        Assert.Equal("""{"name":"CRM sync","roles":["viewer"],"source":"MANAGED","createdBy":"tests-admin","revokedAt":null}""",
            Without(key, "id"));
        Assert.StartsWith("abm_", secret, StringComparison.Ordinal);

        // Used on the other server, with the role it was given and no other.
        Assert.Equal(HttpStatusCode.OK, await Eventually.MatchAsync("the new key to work on the second server",
            () => StatusAsync(two, HttpMethod.Get, "/v1/me", secret), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(two, HttpMethod.Post, "/v1/track", secret));
        Assert.Equal("""{"scoringModel":{"threshold":10}}""", (await GraphQLAsync(two, secret, "{ scoringModel { threshold } }")).GetRawText());

        var listed = await Eventually.MatchAsync("the key's use to be listed",
            async () => await GraphQLAsync(one, HostSettings.AdminKey, "{ apiKeys { id name source lastUsedAt revokedAt } }"),
            list => Entry(list, id).GetProperty("lastUsedAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("CONFIGURATION", Entry(listed, "config:tests-viewer").GetProperty("source").GetString());

        var refused = await GraphQLErrorAsync(one, """mutation { revokeApiKey(id: "config:tests-viewer") { id } }""");
        Assert.Contains("remove it from the configuration", refused, StringComparison.Ordinal);
        Assert.Equal("The field 'revokeApiKey' needs an API key with the 'admin' role.", await GraphQLErrorAsync(one, """mutation { revokeApiKey(id: "x") { id } }""", secret));

        var revoked = await GraphQLAsync(two, HostSettings.AdminKey, $$"""mutation { revokeApiKey(id: "{{id}}") { revokedAt revokedBy } }""");
        var watch = Stopwatch.StartNew();
        Assert.Equal("tests-admin", revoked.GetProperty("revokeApiKey").GetProperty("revokedBy").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(two, HttpMethod.Get, "/v1/me", secret));
        await Eventually.MatchAsync("the revoked key to be refused on the first server",
            () => StatusAsync(one, HttpMethod.Get, "/v1/me", secret), s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    private static Dictionary<string, string> OnTheDatabase(ClickHouseHttpServer clickHouse, string database)
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Storage:ClickHouse"] = clickHouse.ConnectionString;
        settings["Storage:Database"] = database;
        settings["Auth:RefreshSeconds"] = "1";
        return settings;
    }

    private static JsonElement Entry(JsonElement list, string id) =>
        list.GetProperty("apiKeys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);

    private static string Without(JsonElement element, string property) =>
        JsonSerializer.Serialize(element.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));

    private static async Task<HttpStatusCode> StatusAsync(ServerProcess server, HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : JsonContent.Create(new { userId = "u1", @event = "x" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement> GraphQLAsync(ServerProcess server, string key, string query)
    {
        var body = await PostAsync(server, key, query);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private static async Task<string> GraphQLErrorAsync(ServerProcess server, string query, string key = HostSettings.AdminKey)
    {
        var body = await PostAsync(server, key, query);
        return body.GetProperty("errors")[0].GetProperty("message").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(ServerProcess server, string key, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await server.Client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
