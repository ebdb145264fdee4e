namespace Analytics.Api.Tests;

/// <summary>A table's row actions are checked at start-up like its query: a mutation the schema or the role refuses stops the server.</summary>
public sealed class DashboardActionStartupTests
{
    private const string Board = """
        { "id": "board", "title": "Board", "role": "sales", "panels": [{ "id": "list", "title": "List", "kind": "table",
          "query": "{ followUps { id } }", "data": "followUps", "values": [{ "field": "id", "title": "Id", "format": "text" }],
          "actions": { "mutation": "MUTATION", "field": "id", "note": true, "role": "ROLE", "buttons": [{ "value": "VALUE", "title": "Go" }] } }] }
        """;

    private const string Update = "mutation ($id: ID!, $value: FollowUpStatus!, $note: String) { updateFollowUp(id: $id, status: $value, note: $note) { id } }";

    public static TheoryData<string, string, string, string> BrokenActions() => new()
    {
        { Update, "sales", "CALLED", "is not valid for the 'sales' role with the value 'CALLED'" },
        { Update, "viewer", "CONTACTED", "needs an API key with the 'sales' role" },
        { "mutation ($id: ID!, $value: FollowUpStatus!, $who: String) { updateFollowUp(id: $id, status: $value, note: $who) { id } }", "sales", "CONTACTED", "declares $who; it may declare only $id, $value, $note" },
        { "query { followUps { id } }", "sales", "CONTACTED", "exactly one operation, a mutation" },
    };

    [Theory]
    [MemberData(nameof(BrokenActions))]
    public async Task An_action_the_schema_or_its_role_refuses_stops_the_server_naming_file_and_panel(string mutation, string role, string value, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("dashboards-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "board.json"), Board
            .Replace("MUTATION", mutation, StringComparison.Ordinal).Replace("ROLE", role, StringComparison.Ordinal).Replace("VALUE", value, StringComparison.Ordinal));
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Dashboards:Path"] = folder;

        await using var server = await ServerProcess.RunToExitAsync(settings, TimeSpan.FromSeconds(60));

        Assert.Equal(2, server.ExitCode);
        var errorLine = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: dashboard board.json, panel 'list': ", errorLine, StringComparison.Ordinal);
        Assert.Contains(reason, errorLine, StringComparison.Ordinal);
    }
}
