using System.Diagnostics.CodeAnalysis;
using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv;

/// <summary>
/// One data record of a CSV import, with the line on which it starts (the header being line 1): either the validated
/// <see cref="Record"/> or the <see cref="Error"/> that rejected it.
/// </summary>
public sealed record CsvImportRow
{
    private CsvImportRow(int line, IngestRecord? record, RecordError? error) => (Line, Record, Error) = (line, record, error);

    /// <summary>The line on which the record starts; the header is line 1.</summary>
    public int Line { get; }

    /// <summary>The validated record, when accepted.</summary>
    public IngestRecord? Record { get; }

    /// <summary>Why the record was rejected (its <see cref="RecordError.Location"/> is <see cref="Line"/>), when rejected.</summary>
    public RecordError? Error { get; }

    /// <summary>Whether the record was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Record is not null;

    public static CsvImportRow Accepted(int line, IngestRecord record) => new(line, record, null);

    public static CsvImportRow Rejected(int line, string message, string rawText) => new(line, null, new RecordError(line, message, rawText));
}
