using Analytics.Storage.Server;

namespace Analytics.Ingestion.Tests.Writing;

[Collection(InProcessEngine.Collection)]
public sealed class EventDeduplicatorTests
{
    /// <summary>
    /// Twelve thousand ids of a hundred characters are 1.2 MB: sent as one URL parameter they would pass ClickHouse's
    /// 1 MiB URL limit and be refused with HTTP 414. Through the server backend the lookup splits them and still finds
    /// exactly the stored half.
    /// </summary>
    [Fact]
    public async Task A_batch_of_long_ids_is_looked_up_in_pieces_that_fit_a_URL_and_finds_every_stored_id()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        await using var gateway = new ServerGateway(clickHouse.ConnectionString, TestEngine.UniqueDatabase(nameof(EventDeduplicatorTests)), NullLogger.Instance);
        await gateway.EnsureDatabaseAsync(onCluster: null, CancellationToken.None);
        await gateway.ExecuteAsync("CREATE TABLE event_ids (event_id String) ENGINE = MergeTree ORDER BY event_id");
        var ids = Enumerable.Range(0, 12_000).Select(i => $"{i:D6}-".PadRight(100, 'x')).ToList();
        await gateway.InsertAsync("event_ids", ["event_id"], ids.Where((_, i) => i % 2 == 0).Select(id => new object?[] { id }));

        var events = ids.Select(id => new EngagementEvent(id, WriterDatabase.Monday, "web", "page_view")).ToList();
        var fresh = await new EventDeduplicator(gateway).NewEventsAsync(events, replay: false, CancellationToken.None);

        Assert.Equal(ids.Where((_, i) => i % 2 == 1), fresh.Select(e => e.EventId));
        await gateway.ExecuteAsync($"DROP DATABASE {Identifiers.Quote(gateway.Database)}");
    }
}
