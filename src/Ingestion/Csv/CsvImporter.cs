using System.Runtime.CompilerServices;
using CsvHelper;

namespace Analytics.Ingestion.Csv;

/// <summary>
/// Reads a CSV import: RFC 4180 UTF-8 text with a header row, streamed, into one validated record or one error per data
/// record, each with the line on which it starts.
/// </summary>
public static class CsvImporter
{
    /// <summary>
    /// The record size, in bytes, past which a record still incomplete ends the import: an unterminated quote would
    /// otherwise make the rest of a large file one record held in memory. 1 MiB, far above any real row; the check is
    /// made as the buffer grows, so a record a little larger that is already buffered is still read.
    /// </summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>
    /// Reads <paramref name="csv"/> as the given kind, record by record, never holding more than a buffer of it. The
    /// header is checked before the first record; the stream is left open.
    /// </summary>
    /// <exception cref="CsvImportException">
    /// Thrown by the enumeration: at its start when the header is empty, names a column twice or lacks a required one;
    /// later, when a record exceeds <see cref="MaxRecordBytes"/> (the records before it have been returned).
    /// </exception>
    public static async IAsyncEnumerable<CsvImportRow> ReadAsync(CsvKind kind, Stream csv, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var schema = CsvSchema.For(kind);
        var malformed = new Dictionary<long, CsvMalformedReason>();
        await using var reader = CsvReader.Create(csv, Options(malformed), leaveOpen: true);
        await Guard(reader.ReadHeaderAsync(cancellationToken));
        var fieldIndexes = CsvHeader.Resolve(reader.Headers, schema);
        var row = new CsvRowValidator(schema, fieldIndexes, reader.Headers.Count);

        while (await Guard(reader.ReadAsync(cancellationToken)))
        {
            // The reader looks at the token only when it reads from the stream, not for records already buffered.
            cancellationToken.ThrowIfCancellationRequested();
            var line = checked((int)reader.LineNumber);
            var flaw = malformed.Remove(reader.LineNumber, out var reason) ? reason : (CsvMalformedReason?)null;
            yield return row.Validate(reader, line, flaw);
        }
    }

    private static CsvReaderOptions Options(Dictionary<long, CsvMalformedReason> malformed) => new()
    {
        // The contract says comma-separated: no guessing from the first lines, no Excel "sep=" line.
        Separator = ',',
        DetectSeparatorHint = false,
        TrackLineNumbers = true,
        MaxRecordSize = MaxRecordBytes,
        // A stray quote inside an unquoted field (5'10") is kept as text, as the RFC 4180 mode reads it; the
        // other quoting faults leave the field's end uncertain, so those records are rejected. Keyed by line, since
        // the reader reports a record when it meets it, which need not be when the loop reaches it.
        OnMalformedRecord = m =>
        {
            if (m.Reason != CsvMalformedReason.StrayQuote)
            {
                malformed[m.LineNumber] = m.Reason;
            }
        },
    };

    // CsvHelper throws when a record outgrows MaxRecordSize; that ends the import, with the line to look at.
    private static async ValueTask<bool> Guard(ValueTask<bool> read)
    {
        try
        {
            return await read;
        }
        catch (CsvFormatException e)
        {
            throw Unreadable(e);
        }
    }

    private static async ValueTask Guard(ValueTask read)
    {
        try
        {
            await read;
        }
        catch (CsvFormatException e)
        {
            throw Unreadable(e);
        }
    }

    private static CsvImportException Unreadable(CsvFormatException e) =>
        new(checked((int)e.LineNumber), $"the record starting here cannot be read (an unterminated quote?): {e.Message}", e);
}
