namespace Analytics.Api.Tests;

/// <summary>
/// Dashboards are loaded and their queries checked against the schema at start-up: a broken one stops the server with
/// one line naming the file and the panel (exit code 2); the repository's load and are listed through GraphQL.
/// </summary>
public sealed class DashboardStartupTests
{
    private const string Panel = """
        { "id": "board", "title": "Board", "role": "ROLE", "panels": [{ "id": "figures", "title": "Figures", "kind": "kpi",
          "query": "QUERY", "values": [{ "field": "nps.score", "title": "NPS", "format": "score" }] }] }
        """;

    public static TheoryData<string, string, string> BrokenQueries() => new()
    {
        { "viewer", "query ($from: Date!, $to: Date!) { nps(from: $from, to: $to) { scor } }", "Cannot query field 'scor' on type 'Nps'" },
        { "viewer", "query ($from: Date!, $to: Date!) { nps(from: $from, to: $to) { score }", "the query does not parse" },
        { "viewer", "query ($from: Date!) { nps(from: $from, to: $to) { score } }", "Variable '$to' is not defined" },
        { "viewer", "query ($from: Date!, $to: Date!, $segment: String!) { nps(from: $from, to: $to) { score } }", "declares $segment, which neither" },
        { "viewer", "query ($from: Int!, $to: Date!) { nps(from: $from, to: $to) { score } }", "Variable '$from'" },
        { "viewer", "query ($from: Date!, $to: Date!) { engagedAccounts(from: $from, to: $to) { totalCount } }", "needs an API key with the 'sales' role" },
        { "sales", "mutation { resetScoringModel { threshold } }", "exactly one operation, a query" },
    };

    [Theory]
    [MemberData(nameof(BrokenQueries))]
    public async Task A_panel_query_the_schema_refuses_stops_the_server_naming_file_and_panel(string role, string query, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("dashboards-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "board.json"), Panel.Replace("ROLE", role, StringComparison.Ordinal).Replace("QUERY", query, StringComparison.Ordinal));
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Dashboards:Path"] = folder;

        await using var server = await ServerProcess.RunToExitAsync(settings, TimeSpan.FromSeconds(60));

        Assert.Equal(2, server.ExitCode);
        var errorLine = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: dashboard board.json, panel 'figures': ", errorLine, StringComparison.Ordinal);
        Assert.Contains(reason, errorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_dashboards_are_listed_through_graphql_and_the_ui_is_served()
    {
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(HostSettings.NewDataFolder()));
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryFolder(), "dashboards"), "*.json")
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToList();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "{ dashboards { id panels { id kind } } missing: dashboard(id: \"no-such\") { id } sales: dashboard(id: \"sales\") { role panels { id variables select { panel } export } } }" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.ViewerKey);
        using var response = await server.Client.SendAsync(request);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

        Assert.Equal(files, data.GetProperty("dashboards").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("missing").ValueKind);
        var engaged = data.GetProperty("sales").GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "engaged");
        Assert.Equal("{\"first\":500}", engaged.GetProperty("variables").GetString());
        Assert.Equal("timeline", engaged.GetProperty("select").GetProperty("panel").GetString());
        Assert.Equal("/v1/exports/engaged-accounts.csv", engaged.GetProperty("export").GetString());

        using var page = await server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
