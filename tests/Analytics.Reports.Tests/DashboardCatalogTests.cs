namespace Analytics.Reports.Tests;

public sealed class DashboardCatalogTests
{
    private const string Valid = """
        {
          "id": "marketing", "title": "Marketing",
          "panels": [{
            "id": "funnel", "title": "Funnel", "kind": "funnel",
            "query": "query ($from: Date!, $to: Date!) { funnel(from: $from, to: $to) { stages { name accounts } } }",
            "data": "funnel.stages", "label": "name",
            "values": [{ "field": "accounts", "title": "Accounts", "format": "integer" }],
            "width": 6
          }]
        }
        """;

    [Fact]
    public void A_valid_definition_reads_back_whole()
    {
        var dashboard = DashboardCatalog.Parse("marketing.json", Valid);

        Assert.Equal("marketing", dashboard.Id);
        Assert.Equal(DashboardRole.Viewer, dashboard.Role);
        var panel = Assert.Single(dashboard.Panels);
        Assert.Equal((PanelKind.Funnel, "funnel.stages", "name", 6), (panel.Kind, panel.Data, panel.Label, panel.Width));
        Assert.Equal(new PanelValue("accounts", "Accounts", ValueFormat.Integer), Assert.Single(panel.Values));
    }

    [Theory]
    [InlineData("\"kind\": \"funnel\"", "\"kind\": \"pie\"", "$.panels[0].kind")]
    [InlineData("\"id\": \"funnel\"", "\"id\": \"Funnel!\"", "panel 'Funnel!': the id")]
    [InlineData("\"label\": \"name\",", "", "needs a label field")]
    [InlineData("\"width\": 6", "\"width\": 13", "width must be 1 to 12")]
    [InlineData("\"data\": \"funnel.stages\"", "\"data\": \"funnel..stages\"", "is not a path")]
    [InlineData("\"width\": 6", "\"width\": 6, \"colour\": \"red\"", "colour")]
    [InlineData("\"title\": \"Marketing\"", "\"title\": \"\"", "the title is missing")]
    public void A_broken_definition_names_the_file_and_the_problem(string replace, string with, string expected)
    {
        var broken = Valid.Replace(replace, with, StringComparison.Ordinal);

        var error = Assert.Throws<DashboardDefinitionException>(() => DashboardCatalog.Parse("marketing.json", broken));

        Assert.StartsWith("dashboard marketing.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_one_id_are_refused()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), Valid);
            File.WriteAllText(Path.Combine(folder, "b.json"), Valid);

            var error = Assert.Throws<DashboardDefinitionException>(() => DashboardCatalog.Load(folder));

            Assert.Equal("dashboard b.json: the id 'marketing' is used by another file", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("funnel.stages[1].accounts", "7")]
    [InlineData("funnel.stages[0].name", "\"TARGET\"")]
    [InlineData("funnel.stages[2].accounts", null)]
    [InlineData("funnel.missing", null)]
    [InlineData("funnel.score", null)]
    public void Paths_lead_into_a_result(string path, string? expected)
    {
        using var result = JsonDocument.Parse("""{"funnel": {"score": null, "stages": [{"name": "TARGET", "accounts": 9}, {"name": "ENGAGED", "accounts": 7}]}}""");

        Assert.Equal(expected, DataPath.Resolve(result.RootElement, path)?.GetRawText());
    }

    [Fact]
    public void Filter_variables_give_the_previous_window_and_twelve_weeks_of_trend()
    {
        var variables = DashboardVariables.For(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23), "Q4 targets");

        Assert.Equal("2026-11-09", variables["previousFrom"]);
        Assert.Equal("2026-11-16", variables["previousTo"]);
        Assert.Equal("2026-08-31", variables["trendFrom"]);
        Assert.Equal("Q4 targets", variables["targetList"]);
        Assert.Throws<ArgumentException>(() => DashboardVariables.For(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 16), null));
    }
}
