namespace Analytics.Ingestion.Records;

/// <summary>
/// A rejected input record: where it was (a batch index, or the CSV line on which the record starts, the header being
/// line 1), why, and its raw text, which is kept in <c>dead_letters</c>.
/// </summary>
public sealed record RecordError(int Location, string Message, string RawPayload);
