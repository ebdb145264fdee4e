using Analytics.Ingestion.Records;
using Analytics.Ingestion.Spool;

namespace Analytics.Ingestion.Accepting;

/// <summary>One input of a request, parsed: a record, or why it was refused, with its place and raw text.</summary>
public sealed record ParsedInput(int Location, IngestRecord? Record, string? Error, string RawPayload);

/// <summary>What a request stored: how many records, and each refusal with its place (batch index or CSV line).</summary>
public sealed record IntakeResult(int Accepted, IReadOnlyList<Rejection> Rejected);

/// <summary>A refused input, as reported to the client.</summary>
public sealed record Rejection(int Location, string Message);

/// <summary>
/// Puts a request's inputs into the durable spool: each valid record, and each refused one as a dead letter with its
/// raw payload. Returns once all are on disk, so the answer acknowledges only what survives a crash.
/// </summary>
public sealed class Intake(DurableSpool spool, TimeProvider clock)
{
    public async Task<IntakeResult> AcceptAsync(string source, IReadOnlyList<ParsedInput> inputs, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var entries = inputs.Select(i => i.Record is not null
            ? new SpoolEntry(receivedAt, source, i.Record)
            : new SpoolEntry(receivedAt, source, DeadLetter: new DeadLetter(i.Location.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Error ?? "refused", i.RawPayload)))
            .ToList();
        await spool.AppendAsync(entries, cancellationToken);
        return new IntakeResult(
            inputs.Count(i => i.Record is not null),
            inputs.Where(i => i.Record is null).Select(i => new Rejection(i.Location, i.Error ?? "refused")).ToList());
    }
}
