using System.Security.Cryptography;

namespace Analytics.Api.Tests.GraphQL;

/// <summary>
/// Issue 17: GraphQL over HTTP as tools send it, on a server with limits tighter than any tool's introspection query
/// (depth 3, complexity 60) and one allowed origin: introspection fits them and has limits of its own, queries by GET,
/// mutations by GET refused with 405, <c>application/graphql</c> bodies, CORS, automatic persisted queries, and GraphiQL
/// for a browser.
/// </summary>
public sealed class GraphQLOverHttpTests : IAsyncLifetime
{
    private const string AllowedOrigin = "http://localhost:3000";

    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["GraphQL:MaxDepth"] = "3";
        settings["GraphQL:MaxComplexity"] = "60";
        settings["GraphQL:AllowedOrigins:0"] = AllowedOrigin;
        _server = await ServerProcess.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_standard_introspection_query_fits_limits_far_below_its_depth_and_size()
    {
        var output = await NodeClients.RunAsync("graphql-introspection.mjs", new Dictionary<string, string>
        {
            ["SERVER"] = $"http://127.0.0.1:{_server.Port}",
            ["API_KEY"] = HostSettings.ViewerKey,
        });

        using var result = JsonDocument.Parse(output);
        Assert.Equal(200, result.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("funnel", result.RootElement.GetProperty("queryFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Introspection_cannot_be_multiplied_by_aliases_or_blown_up_by_nesting()
    {
        var copies = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name type {{ name }} args {{ name type {{ name }} }} }} }} }}"));
        var (aliasedStatus, aliased) = await PostAsync($"{{ {copies} }}");
        var (nestedStatus, nested) = await PostAsync("""{ __type(name: "Query") { fields { type { fields { type { fields { name } } } } } } }""");
        var (twiceStatus, _) = await PostAsync("""{ __type(name: "Query") { fields { type { fields { name } } } } }""");

        Assert.Equal(HttpStatusCode.BadRequest, aliasedStatus);
        Assert.StartsWith("Introspection is too large to execute.", Message(aliased), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nestedStatus);
        Assert.StartsWith("Maximum introspection depth exceeded", Message(nested), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, twiceStatus);
    }

    [Fact]
    public async Task Work_beside_introspection_still_meets_the_depth_and_work_limits()
    {
        var (deepStatus, deep) = await PostAsync("""{ __schema { queryType { name } } funnel(from: "2026-03-02", to: "2026-03-09") { groups { stages { name } } } }""");
        var (heavyStatus, heavy) = await PostAsync("""{ __schema { types { name } } funnel(from: "2025-01-01", to: "2026-01-01", groupBy: INDUSTRY) { stages { name } } }""");

        Assert.Equal(HttpStatusCode.BadRequest, deepStatus);
        Assert.StartsWith("Query is too nested to execute. Maximum depth is 4 levels", Message(deep), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, heavyStatus);
        Assert.StartsWith("Query is too complex to execute.", Message(heavy), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_runs_by_GET_and_a_mutation_by_GET_gets_405()
    {
        using var query = await GetAsync("?query=" + Uri.EscapeDataString("query Threshold { scoringModel { threshold } }") + "&operationName=Threshold");
        using var mutation = await GetAsync("?query=" + Uri.EscapeDataString("mutation { setScoringModel(model: { rules: [], highValuePatterns: [], threshold: 99 }) { threshold } }"), HostSettings.AdminKey);
        var (_, after) = await PostAsync("{ scoringModel { threshold } }");

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal("""{"data":{"scoringModel":{"threshold":10}}}""", await query.Content.ReadAsStringAsync());
        Assert.True(query.Headers.CacheControl?.NoStore, "an answer by GET must not be cached on the way");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
        Assert.Equal(["POST"], mutation.Content.Headers.Allow);
        using var refusal = JsonDocument.Parse(await mutation.Content.ReadAsStringAsync());
        Assert.Equal("METHOD_NOT_ALLOWED", refusal.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("""{"data":{"scoringModel":{"threshold":10}}}""", after.GetRawText());
    }

    [Fact]
    public async Task A_GET_with_variables_that_are_not_JSON_is_refused()
    {
        using var response = await GetAsync("?query=" + Uri.EscapeDataString("query ($n: Int) { targetLists { name } }") + "&variables=%7Bnot-json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be JSON objects", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_graphql_body_is_the_document()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql?variables=" + Uri.EscapeDataString("""{"from":"2026-01-05","to":"2026-01-12"}"""))
        {
            Content = new StringContent("query ($from: Date!, $to: Date!) { nps(from: $from, to: $to) { responses score } }", Encoding.UTF8, "application/graphql"),
        };

        using var response = await SendAsync(request, HostSettings.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"data":{"nps":{"responses":0,"score":null}}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(AllowedOrigin, true)]
    [InlineData("http://elsewhere.example", false)]
    public async Task A_CORS_preflight_is_answered_for_the_configured_origins_only(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ scoringModel { threshold } }"));
        request.Headers.Add("Origin", origin);

        using var answer = await _server.Client.SendAsync(preflight);
        using var response = await SendAsync(request, HostSettings.ViewerKey);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(allowed ? origin : null, answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) ? origins.Single() : null);
        Assert.Equal(allowed ? "Authorization,Content-Type" : null, answer.Headers.TryGetValues("Access-Control-Allow-Headers", out var headers) ? headers.Single() : null);
        Assert.Equal(allowed, response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_persisted_query_is_not_found_then_registered_with_its_query_then_run_by_hash()
    {
        const string Query = "{ scoringModel { threshold } }";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Query)));
        var extension = JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });

        var (unknownStatus, unknown) = await PostJsonAsync("{\"extensions\":" + extension + "}");
        var (registeredStatus, registered) = await PostJsonAsync($"{{\"query\":\"{Query}\",\"extensions\":{extension}}}");
        using var byHash = await GetAsync("?extensions=" + Uri.EscapeDataString(extension));
        var (mismatchStatus, mismatch) = await PostJsonAsync("{\"query\":\"{ display { locale } }\",\"extensions\":" + extension + "}");

        Assert.Equal(HttpStatusCode.OK, unknownStatus);
        Assert.Equal("""{"errors":[{"message":"PersistedQueryNotFound","extensions":{"code":"PERSISTED_QUERY_NOT_FOUND","codes":["PERSISTED_QUERY_NOT_FOUND"]}}]}""", unknown.GetRawText());
        Assert.Equal(HttpStatusCode.OK, registeredStatus);
        Assert.Equal("""{"data":{"scoringModel":{"threshold":10}}}""", registered.GetRawText());
        Assert.Equal(HttpStatusCode.OK, byHash.StatusCode);
        Assert.Equal("""{"data":{"scoringModel":{"threshold":10}}}""", await byHash.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, mismatchStatus);
        Assert.Contains("provided sha does not match query", Message(mismatch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_asking_for_HTML_gets_GraphiQL_without_a_key_and_a_client_asking_for_JSON_does_not()
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var api = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        api.Headers.Accept.ParseAdd("application/graphql-response+json, application/json");

        using var html = await _server.Client.SendAsync(page);
        using var json = await _server.Client.SendAsync(api);
        var text = await html.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>GraphiQL", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", text); // no inline script: the policy would block it
        var policy = string.Join(",", html.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
    }

    private static string Message(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string query) =>
        await PostJsonAsync(JsonSerializer.Serialize(new { query }));

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await SendAsync(request, HostSettings.ViewerKey);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    private async Task<HttpResponseMessage> GetAsync(string parameters, string key = HostSettings.ViewerKey) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql" + parameters), key);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _server.Client.SendAsync(request);
    }
}
