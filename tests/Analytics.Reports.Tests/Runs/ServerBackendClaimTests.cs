using Analytics.Storage.Server;

namespace Analytics.Reports.Tests.Runs;

/// <summary>
/// The claim protocol through ClickHouse.Driver (the server backend, against ClickHouse's HTTP interface served by this
/// process's engine) racing a server on the embedded engine, on one database: one delivery.
/// </summary>
public sealed class ServerBackendClaimTests
{
    [Fact]
    public async Task A_server_backend_and_an_embedded_server_racing_deliver_once()
    {
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var database = await ReportsWorld.NewDatabaseAsync(nameof(ServerBackendClaimTests));
        await using var http = await ClickHouseHttpServer.StartAsync();
        await using var embedded = await ReportsWorld.OpenAsync(database, monday);
        await using var server = await ReportsWorld.OpenAsync(database, monday,
            gateway: new ServerGateway(http.ConnectionString, database, NullLogger.Instance));
        var request = new ReportRequest("weekly-executive", new DateOnly(2026, 11, 30), monday.UtcDateTime);

        var runs = await Task.WhenAll(
            Task.Run(() => embedded.Runner.RunAsync(request, null, CancellationToken.None)),
            Task.Run(() => server.Runner.RunAsync(request, null, CancellationToken.None)));

        Assert.Equal(runs[0].Id, runs[1].Id);
        Assert.Equal(1, embedded.Renderer.Renders + server.Renderer.Renders);
        var run = Assert.Single(await server.Runs.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(RunStatus.Delivered, run.Status);
        Assert.Equal((await embedded.Runs.ReadFileAsync(run.Id, CancellationToken.None))!.Content,
            (await server.Runs.ReadFileAsync(run.Id, CancellationToken.None))!.Content);
    }
}
