using Analytics.Ingestion.Records;
using Analytics.Ingestion.Spool;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion.Accepting;

/// <summary>One input of a request, parsed: a record, or why it was refused, with its place and raw text.</summary>
public sealed record ParsedInput(int Location, IngestRecord? Record, string? Error, string RawPayload);

/// <summary>A refused input, as reported to the client.</summary>
public sealed record Rejection(int Location, string Message);

/// <summary>
/// Puts a request's inputs into the durable spool: each valid record, and each refused one as a dead letter with its
/// raw payload. Returns once all are on disk, so the answer acknowledges only what survives a crash. A request may
/// come in several chunks (a CSV upload does), all counted on one <see cref="IntakeTally"/>.
/// </summary>
public sealed class Intake(DurableSpool spool, DuplicateCheck duplicateCheck, IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <summary>A tally for a new request, with the limits of <see cref="IngestionOptions"/>.</summary>
    public IntakeTally NewTally() => new(options.Value.MaxErrorsReported, options.Value.MaxDeadLettersPerRequest);

    /// <summary>Spools one chunk of a request's inputs and counts it on <paramref name="tally"/> once it is on disk.</summary>
    public async Task AcceptAsync(string source, IReadOnlyList<ParsedInput> inputs, IntakeTally tally, CancellationToken cancellationToken)
    {
        // Whatever door an input came through, a record with a time the rollups cannot hold is refused here too.
        inputs = [.. inputs.Select(i => i.Record is { } record && RecordTimes.OutOfRange(record) is { } error ? i with { Record = null, Error = error } : i)];
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var letters = tally.DeadLetterRoom;
        var entries = new List<SpoolEntry>(inputs.Count);
        foreach (var input in inputs)
        {
            if (input.Record is not null)
            {
                entries.Add(new SpoolEntry(receivedAt, source, input.Record));
            }
            else if (letters-- > 0)
            {
                var location = input.Location.ToString(System.Globalization.CultureInfo.InvariantCulture);
                entries.Add(new SpoolEntry(receivedAt, source, DeadLetter: new DeadLetter(location, input.Error ?? "refused", input.RawPayload)));
            }
        }

        var duplicates = await duplicateCheck.CountAsync(inputs, tally, cancellationToken);
        await spool.AppendAsync(entries, cancellationToken);
        tally.Count(inputs, duplicates);
    }
}
