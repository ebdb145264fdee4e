using Analytics.Api.Hosting;
using Analytics.Storage.Schema;

namespace Analytics.Api.Tests;

/// <summary>The server started on the server backend: ClickHouse.Driver against a ClickHouse HTTP interface.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class ServerBackendHostTests
{
    [Fact]
    public async Task On_a_ClickHouse_server_the_host_migrates_the_schema_and_answers_healthy()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        var database = TestEngine.UniqueDatabase(nameof(ServerBackendHostTests));
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Storage:ClickHouse"] = clickHouse.ConnectionString;
        settings["Storage:Database"] = database;

        await using var server = await ServerProcess.StartAsync(settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/storage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("server", body.GetProperty("backend").GetString());
        Assert.Equal(database, body.GetProperty("database").GetString());
        Assert.Contains(clickHouse.Statements, s => s.StartsWith($"CREATE TABLE IF NOT EXISTS `{database}`.`events`", StringComparison.Ordinal));
        Assert.Equal(ApplicationSchema.Catalog.Tables.Count + 1, body.GetProperty("tables").GetArrayLength());
        await server.StopCleanlyAsync();
    }

    [Fact]
    public async Task Logs_are_one_JSON_object_per_line_when_asked()
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Log:Format"] = "json";

        await using var server = await ServerProcess.StartAsync(settings);
        await server.StopAsync();
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        Assert.Contains(lines, l => l.Contains("\"@mt\":\"Storage open: {Backend} engine, database {Database}{Cluster}\"", StringComparison.Ordinal));
    }
}
