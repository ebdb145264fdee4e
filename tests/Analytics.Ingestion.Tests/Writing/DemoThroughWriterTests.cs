using Analytics.Ingestion.Segment;
using Analytics.Ingestion.Webhooks;

namespace Analytics.Ingestion.Tests.Writing;

/// <summary>
/// The demo company's data, parsed as the endpoints parse it and stored by the writer in batches as the spool would
/// hand them over: every event is stored exactly once, and identity resolution leaves no event of an identified,
/// grouped visitor without its account.
/// </summary>
public sealed class DemoThroughWriterTests : IAsyncLifetime
{
    private readonly WriterDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Every_demo_event_and_record_is_stored_exactly_once()
    {
        var data = DemoCompany.Generate(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero), new DemoOptions(Scale: 0.15));
        var records = new List<IngestRecord>();
        foreach (var file in data.CsvFiles)
        {
            await foreach (var row in CsvImporter.ReadAsync(CsvKinds.TryParse(file.Kind, out var kind) ? kind : throw new InvalidOperationException(file.Kind), new MemoryStream(Encoding.UTF8.GetBytes(file.Text))))
            {
                records.Add(row.Record ?? throw new InvalidOperationException(row.Error!.Message));
            }
        }

        foreach (var body in data.SegmentBatches)
        {
            using var document = JsonDocument.Parse(body.Body);
            records.AddRange(document.RootElement.GetProperty("batch").EnumerateArray().Select(m => SegmentMessage.Parse(m, null, WriterDatabase.Monday).Record!));
        }

        foreach (var body in data.SendGridBatches)
        {
            using var document = JsonDocument.Parse(body.Body);
            records.AddRange(document.RootElement.EnumerateArray().Select(e => SendGridEvent.Parse(e).Record!));
        }

        foreach (var chunk in records.Chunk(5_000))
        {
            await _db.Processor.ProcessAsync(chunk.Select(r => new SpoolEntry(WriterDatabase.Monday, "demo", r)).ToList(), CancellationToken.None);
        }

        var events = records.OfType<EngagementEvent>().ToList();
        var expectedByType = events.GroupBy(e => $"{e.Channel}/{e.Type}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        var storedByType = (await _db.RowsAsync("SELECT concat(channel, '/', type, '=', toString(count())) FROM events GROUP BY channel, type ORDER BY channel, type"))
            .Select(r => (string)r[0]!);

        Assert.Equal(expectedByType, storedByType);
        Assert.Equal([[(ulong)events.Count, (ulong)events.Count]], await _db.RowsAsync("SELECT count(), uniqExact(event_id) FROM events"));
        Assert.Equal(
            [[
                (ulong)records.OfType<AccountRecord>().Select(a => a.AccountId).Distinct().Count(),
                (ulong)records.OfType<OpportunityRecord>().Select(o => o.OpportunityId).Distinct().Count(),
                (ulong)records.OfType<SurveyResponseRecord>().Select(r => (r.Survey, r.ResponseId)).Distinct().Count(),
            ]],
            await _db.RowsAsync("SELECT (SELECT count() FROM accounts FINAL), (SELECT count() FROM opportunities FINAL), (SELECT count() FROM survey_responses FINAL)"));
    }
}
