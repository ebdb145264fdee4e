using Analytics.Ingestion.Csv;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// <c>POST /v1/import/{kind}</c>: streams a CSV upload through the importer into the spool, a chunk of records at a
/// time, so a file of any size needs only a chunk of memory. Each record is acknowledged once its chunk is on disk.
/// </summary>
public sealed class CsvIntake(Intake intake)
{
    private const int RecordsPerChunk = 5_000;

    /// <summary>The outcome of one upload: accepted records, and each refused one with the line it starts on.</summary>
    public async Task<IntakeResult> AcceptAsync(CsvKind kind, Stream csv, CancellationToken cancellationToken)
    {
        var source = "csv:" + CsvKinds.NameOf(kind);
        var accepted = 0;
        var rejected = new List<Rejection>();
        var chunk = new List<ParsedInput>(RecordsPerChunk);
        await foreach (var row in CsvImporter.ReadAsync(kind, csv, cancellationToken))
        {
            chunk.Add(new ParsedInput(row.Line, row.Record, row.Error?.Message, row.Error?.RawPayload ?? string.Empty));
            if (chunk.Count == RecordsPerChunk)
            {
                (accepted, rejected) = Add(await intake.AcceptAsync(source, chunk, cancellationToken), accepted, rejected);
                chunk.Clear();
            }
        }

        (accepted, rejected) = Add(await intake.AcceptAsync(source, chunk, cancellationToken), accepted, rejected);
        return new IntakeResult(accepted, rejected);
    }

    private static (int, List<Rejection>) Add(IntakeResult result, int accepted, List<Rejection> rejected)
    {
        rejected.AddRange(result.Rejected);
        return (accepted + result.Accepted, rejected);
    }
}
