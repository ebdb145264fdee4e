using Analytics.Reports.Dashboards;

namespace Analytics.Api.Tests.GraphQL;

/// <summary>
/// Issue 17: standard GraphQL tooling on a server with default settings, driven by the real npm packages of
/// tests/clients: graphql-js downloads the schema with its standard introspection query and builds it, every dashboard
/// query validates against it, and urql with its defaults runs a dashboard query (by GET).
/// </summary>
public sealed class GraphQLToolingTests : IAsyncLifetime
{
    private static readonly DashboardCatalog Catalog = DashboardCatalog.Load(Path.Combine(RepositoryFolder(), "dashboards"));

    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(HostSettings.NewDataFolder()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string> Client(string key = HostSettings.ViewerKey) => new()
    {
        ["SERVER"] = $"http://127.0.0.1:{_server.Port}",
        ["API_KEY"] = key,
    };

    [Fact]
    public async Task GraphQL_js_builds_the_schema_from_the_standard_introspection_query_and_every_dashboard_query_validates()
    {
        var queries = Catalog.Dashboards.SelectMany(d => d.Panels).Select(p => p.Query).ToList();
        var environment = Client();
        environment["QUERIES"] = JsonSerializer.Serialize(queries);

        using var output = JsonDocument.Parse(await NodeClients.RunAsync("graphql-introspection.mjs", environment));
        var result = output.RootElement;

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.InRange(result.GetProperty("types").GetInt32(), 50, 500);
        var queryFields = result.GetProperty("queryFields").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "funnel", "salesVelocity", "nps", "csat", "engagedAccounts", "journey", "themes" }, queryFields.ToHashSet());
        Assert.True(queries.Count >= 20, $"only {queries.Count} dashboard queries found");
        Assert.Equal(queries.Count, result.GetProperty("validated").GetInt32());
        Assert.Equal("[]", result.GetProperty("invalid").GetRawText());
    }

    [Fact]
    public async Task Urql_with_its_defaults_runs_a_dashboard_query_by_GET()
    {
        var panel = Catalog.Find("marketing")!.Panels.Single(p => p.Id == "funnel");
        var environment = Client();
        environment["QUERY"] = panel.Query;
        environment["VARIABLES"] = """{"from":"2026-01-05","to":"2026-02-02"}""";

        using var output = JsonDocument.Parse(await NodeClients.RunAsync("urql-query.mjs", environment));

        Assert.Equal("""["GET"]""", output.RootElement.GetProperty("methods").GetRawText());
        var stages = output.RootElement.GetProperty("data").GetProperty("funnel").GetProperty("stages").EnumerateArray()
            .Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("accounts").GetInt32()}");
        Assert.Equal(["TARGET 0", "ENGAGED 0", "OPPORTUNITY 0", "WON 0"], stages);
    }

    [Fact]
    public async Task A_CORS_preflight_allows_no_origin_by_default()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", "http://localhost:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await _server.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "no origin is allowed unless configured");
    }

    private static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Analytics.sln not found above the test folder.");
    }
}
