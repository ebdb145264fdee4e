using Analytics.Metrics.Common;

namespace Analytics.Reports.Tests;

/// <summary>The optional parts of the format: a dashboard's own filters, a table's drill-down (select) and its CSV export.</summary>
public sealed class DashboardOptionalFieldsTests
{
    private const string Valid = """
        {
          "id": "sales", "title": "Sales", "role": "sales",
          "filters": [{ "variable": "tier", "title": "Tier" }, { "variable": "minScore", "title": "Min score", "type": "number" },
            { "variable": "owner", "title": "Owner", "type": "choice", "choices": "owner" }],
          "panels": [{
            "id": "engaged", "title": "Engaged accounts", "kind": "table",
            "query": "query ($from: Date!, $to: Date!, $tier: String, $owner: String) { engagedAccounts(from: $from, to: $to, tier: $tier, owner: $owner) { edges { node { accountId } } } }",
            "data": "engagedAccounts.edges",
            "values": [{ "field": "node.accountId", "title": "Account", "format": "text" }],
            "select": { "panel": "timeline", "variable": "accountId", "field": "node.accountId" },
            "export": "/v1/exports/engaged-accounts.csv"
          }, {
            "id": "timeline", "title": "Timeline", "kind": "table",
            "query": "query ($accountId: ID!, $from: Date!, $to: Date!) { account(id: $accountId, from: $from, to: $to) { events { timestamp } } }",
            "data": "account.events",
            "values": [{ "field": "timestamp", "title": "When", "format": "text" }]
          }]
        }
        """;

    [Fact]
    public void Filters_select_and_export_read_back_whole()
    {
        var dashboard = DashboardCatalog.Parse("sales.json", Valid);

        Assert.Equal(
            [new DashboardFilter("tier", "Tier"), new DashboardFilter("minScore", "Min score", FilterType.Number), new DashboardFilter("owner", "Owner", FilterType.Choice, AccountAttribute.Owner)],
            dashboard.Filters);
        var engaged = dashboard.Panels[0];
        Assert.Equal(new PanelSelect("timeline", "accountId", "node.accountId"), engaged.Select);
        Assert.Equal("/v1/exports/engaged-accounts.csv", engaged.Export);
        Assert.Equal(
            ["accountId", "from", "minScore", "owner", "previousFrom", "previousTo", "targetList", "tier", "to", "trendFrom"],
            DashboardCatalog.VariablesOf(dashboard).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_dashboard_without_the_optional_fields_has_none()
    {
        var dashboard = DashboardCatalog.Parse("plain.json", """
            { "id": "plain", "title": "Plain", "panels": [{ "id": "nps", "title": "NPS", "kind": "kpi",
              "query": "query ($from: Date!, $to: Date!) { nps(from: $from, to: $to) { score } }", "data": "nps",
              "values": [{ "field": "score", "title": "NPS", "format": "score" }] }] }
            """);

        Assert.Null(dashboard.Filters);
        Assert.Equal((null, null), (dashboard.Panels[0].Select, dashboard.Panels[0].Export));
    }

    [Theory]
    [InlineData("\"variable\": \"tier\"", "\"variable\": \"from\"", "the filter variable 'from' must be")]
    [InlineData("\"variable\": \"minScore\"", "\"variable\": \"tier\"", "the filter variable 'tier' is used twice")]
    [InlineData("\"title\": \"Tier\"", "\"title\": \" \"", "the filter 'tier' has no title")]
    [InlineData("\"type\": \"number\"", "\"type\": \"date\"", "$.filters[1].type")]
    [InlineData(", \"choices\": \"owner\"", "", "the filter 'owner' must name its choices (an account attribute) if and only if its type is choice")]
    [InlineData("\"type\": \"number\"", "\"type\": \"number\", \"choices\": \"tier\"", "the filter 'minScore' must name its choices")]
    [InlineData("\"choices\": \"owner\"", "\"choices\": \"colour\"", "$.filters[2].choices")]
    [InlineData("\"panel\": \"timeline\"", "\"panel\": \"nowhere\"", "panel 'engaged': the select's panel 'nowhere'")]
    [InlineData("\"panel\": \"timeline\"", "\"panel\": \"engaged\"", "panel 'engaged': the select's panel 'engaged'")]
    [InlineData("\"variable\": \"accountId\"", "\"variable\": \"tier\"", "the select's variable 'tier'")]
    [InlineData("\"field\": \"node.accountId\" }", "\"field\": \"node..accountId\" }", "the select's field 'node..accountId' is not a path")]
    [InlineData("\"/v1/exports/engaged-accounts.csv\"", "\"https://elsewhere.example/x.csv\"", "the export 'https://elsewhere.example/x.csv' must be")]
    [InlineData("\"/v1/exports/engaged-accounts.csv\"", "\"/v1/exports/a.csv?from=1\"", "must be a path under /v1/exports/")]
    public void A_broken_optional_field_names_the_file_and_the_problem(string replace, string with, string expected)
    {
        var broken = Valid.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Valid, broken);

        var error = Assert.Throws<DashboardDefinitionException>(() => DashboardCatalog.Parse("sales.json", broken));

        Assert.StartsWith("dashboard sales.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_table_may_select()
    {
        var first = Valid.IndexOf("\"kind\": \"table\"", StringComparison.Ordinal);
        var broken = Valid[..first] + "\"kind\": \"bar\", \"label\": \"node.accountId\"" + Valid[(first + "\"kind\": \"table\"".Length)..];

        var error = Assert.Throws<DashboardDefinitionException>(() => DashboardCatalog.Parse("sales.json", broken));

        Assert.Equal("dashboard sales.json, panel 'engaged': only a table panel may have a select", error.Message);
    }

    [Fact]
    public void Every_dashboard_in_the_repository_loads()
    {
        var folder = Path.Combine(RepositoryRoot(), "dashboards");

        var catalog = DashboardCatalog.Load(folder);

        Assert.Equal(
            Directory.EnumerateFiles(folder, "*.json").Count(),
            catalog.Dashboards.Count);
    }

    private static string RepositoryRoot()
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
