using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Spool;

/// <summary>
/// What the spool stores for one accepted input: the record (or, for a rejected input, its dead letter), when it was
/// received and from which source. Replays see exactly the same entry, so what the writer derives from it is stable.
/// </summary>
public sealed record SpoolEntry(DateTime ReceivedAt, string Source, IngestRecord? Record = null, DeadLetter? DeadLetter = null);

/// <summary>A rejected input, kept with its raw payload: where it was in its request and why it was refused.</summary>
public sealed record DeadLetter(string Location, string Reason, string Payload);
