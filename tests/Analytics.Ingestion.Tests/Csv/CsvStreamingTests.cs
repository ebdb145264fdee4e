namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// The import streams: it reads only a bounded buffer ahead of the record it returns, so a 100 MB upload does not need
/// 100 MB of memory. Measured by what the reader pulled from the stream, which does not depend on the GC or on other
/// tests running in the same process.
/// </summary>
public sealed class CsvStreamingTests
{
    // The reader's buffer (64 KiB by default) and a record: well under this.
    private const long ReadAheadBound = 1 << 20;

    [Fact]
    public async Task An_endless_upload_yields_its_first_records_after_reading_only_a_buffer_of_it()
    {
        var stream = new GeneratedStream(EventLines(count: null));
        var rows = new List<CsvImportRow>();

        await foreach (var row in CsvImporter.ReadAsync(CsvKind.Events, stream))
        {
            rows.Add(row);
            if (rows.Count == 1000)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(2, 1000), rows.Select(row => row.Line));
        Assert.All(rows, row => Assert.True(row.IsAccepted));
        Assert.InRange(stream.BytesRead, 1000 * 60, ReadAheadBound);
    }

    [Fact]
    public async Task A_100_MB_upload_is_read_to_the_end_never_more_than_a_buffer_ahead_of_its_records()
    {
        const int count = 1_100_000;
        var lineBytes = EventLine(0).Length;
        var stream = new GeneratedStream(EventLines(count));
        var (records, maxAhead, lastLine) = (0, 0L, 0);

        await foreach (var row in CsvImporter.ReadAsync(CsvKind.Events, stream))
        {
            Assert.True(row.IsAccepted, row.Error?.Message);
            records++;
            lastLine = row.Line;
            // Every line of the generator has the same length (the row number is zero-padded).
            maxAhead = Math.Max(maxAhead, stream.BytesRead - ((long)records * lineBytes));
        }

        Assert.True(stream.BytesRead > 100_000_000, $"only {stream.BytesRead} bytes generated");
        Assert.Equal((count, count + 1), (records, lastLine));
        Assert.InRange(maxAhead, 0, ReadAheadBound);
    }

    private static IEnumerable<string> EventLines(int? count)
    {
        yield return "timestamp,channel,type,account_id,campaign,url\n";
        for (var i = 0; count is null || i < count; i++)
        {
            yield return EventLine(i);
        }
    }

    private static string EventLine(int i) =>
        $"2024-03-01T09:00:00Z,web,page_view,account-{i % 2000:D4},spring-launch,\"https://example.com/pricing?utm=a,b&n={i:D9}\"\n";
}
