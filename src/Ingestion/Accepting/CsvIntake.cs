using Analytics.Ingestion.Csv;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// <c>POST /v1/import/{kind}</c>: streams a CSV upload through the importer into the spool, a chunk of records at a
/// time, so a file of any size needs only a chunk of memory. Each record is acknowledged once its chunk is on disk.
/// </summary>
public sealed class CsvIntake(Intake intake, CsvRowChecks checks)
{
    private const int RecordsPerChunk = 5_000;

    /// <summary>
    /// Counts the upload on <paramref name="tally"/>: accepted records, and each refused one with the line it starts on.
    /// When the upload fails part-way (an unreadable record, a body over its limit, a damaged gzip stream), the tally
    /// holds what the chunks before the failure stored.
    /// </summary>
    public async Task AcceptAsync(CsvKind kind, Stream csv, IntakeTally tally, CancellationToken cancellationToken)
    {
        var source = "csv:" + CsvKinds.NameOf(kind);
        var chunk = new List<ParsedInput>(RecordsPerChunk);
        await foreach (var row in CsvImporter.ReadAsync(kind, csv, cancellationToken))
        {
            chunk.Add(new ParsedInput(row.Line, row.Record, row.Error?.Message, row.Error?.RawPayload ?? string.Empty));
            if (chunk.Count == RecordsPerChunk)
            {
                await intake.AcceptAsync(source, await checks.CheckAsync(kind, chunk, cancellationToken), tally, cancellationToken);
                chunk.Clear();
            }
        }

        await intake.AcceptAsync(source, await checks.CheckAsync(kind, chunk, cancellationToken), tally, cancellationToken);
    }
}
