using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>Each ingestion door's answer says how many of the accepted events were duplicates; they are stored once.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class DuplicateAnswerTests : IAsyncLifetime
{
    private readonly string _folder = HostSettings.NewDataFolder();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(_folder));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_resent_Segment_batch_is_accepted_and_answered_as_all_duplicates()
    {
        var fifteen = Enumerable.Range(1, 15).Select(i => $"m{i}").ToList();

        var first = await PostJsonOkAsync(_server, "/v1/batch", PageViewBatch(fifteen));
        // TRICKY: the ids' table, which the lookup reads, is written just after the events (by their view).
        await WaitForRowsAsync(_server, "event_ids", 15);
        var resent = await PostJsonOkAsync(_server, "/v1/batch", PageViewBatch(fifteen));
        // Two already stored, three new of which one comes twice in the same batch.
        var mixed = await PostJsonOkAsync(_server, "/v1/batch", PageViewBatch(["m1", "m2", "n1", "n2", "n1", "n3"]));
        await WaitForDrainedAsync(_server);
        await _server.StopAsync();

        Assert.Equal((15, 0), Figures(first));
        Assert.Equal((15, 15), Figures(resent));
        Assert.Equal((6, 3), Figures(mixed));
        Assert.Equal([[18ul, 18ul]], await ReadStoppedAsync(_folder, "SELECT count(), uniqExact(event_id) FROM events"));
    }

    [Fact]
    public async Task A_resent_SendGrid_post_and_a_reimported_events_CSV_are_answered_as_duplicates()
    {
        const string sendGrid = """
            [
              {"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "sg1"},
              {"email": "jo@acme.com", "timestamp": 1772442060, "event": "click", "sg_event_id": "sg2", "url": "https://vendor.example/demo"}
            ]
            """;
        // Rows without an event_id get one derived from their content, so the same file re-imported repeats them.
        var csv = Encoding.UTF8.GetBytes("timestamp,channel,type,account_id\r\n2026-03-02,web,page_view,acme\r\n2026-03-03,web,page_view,acme\r\n2026-03-04,ad,click,acme\r\n");

        var firstSendGrid = await PostJsonOkAsync(_server, "/v1/webhooks/sendgrid", sendGrid);
        var (firstCsvStatus, firstCsv) = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/events", csv, "text/csv"));
        await WaitForRowsAsync(_server, "event_ids", 5);
        var resentSendGrid = await PostJsonOkAsync(_server, "/v1/webhooks/sendgrid", sendGrid);
        var (resentCsvStatus, resentCsv) = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/events", csv, "text/csv"));
        await WaitForDrainedAsync(_server);
        await _server.StopAsync();

        Assert.Equal((200, 200), (firstCsvStatus, resentCsvStatus));
        Assert.Equal([(2, 0), (2, 2), (3, 0), (3, 3)], [Figures(firstSendGrid), Figures(resentSendGrid), Figures(firstCsv), Figures(resentCsv)]);
        Assert.Equal([[5ul]], await ReadStoppedAsync(_folder, "SELECT count() FROM events"));
    }

    private static (int Accepted, int Duplicates) Figures(System.Text.Json.JsonElement answer) =>
        (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("duplicates").GetInt32());
}
