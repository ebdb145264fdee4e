using System.Globalization;
using CsvHelper;

namespace Analytics.Ingestion.Csv;

/// <summary>
/// Writes CSV as RFC 4180 says (comma, CRLF, a field quoted when it holds a comma, quote or line break), with CsvHelper,
/// record by record: the one CSV writer of the server's exports and of the files the demo imports. Text is written as
/// text; numbers (<see cref="double"/>, <see cref="long"/>, <see cref="decimal"/>…) as invariant-culture numbers.
/// </summary>
public sealed class CsvRowWriter : IDisposable, IAsyncDisposable
{
    private readonly CsvWriter _csv;

    private CsvRowWriter(CsvWriter csv) => _csv = csv;

    /// <summary>
    /// For a file people open in a spreadsheet, as UTF-8 onto <paramref name="stream"/>: a text cell that begins with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, which a spreadsheet would run as a formula (OWASP
    /// "CSV Injection"), is written quoted with a leading apostrophe, which spreadsheets show as text. Numbers stay numbers.
    /// </summary>
    public static CsvRowWriter ForSpreadsheets(Stream stream) =>
        new(CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true));

    /// <summary>For a file to import: every value exactly as given.</summary>
    public static CsvRowWriter Verbatim(TextWriter text) =>
        new(CsvWriter.Create(text, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true));

    /// <summary>Writes one record; a null field is empty.</summary>
    public void WriteRow(params ReadOnlySpan<object?> fields)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case null:
                    _csv.WriteField(string.Empty);
                    break;
                case string text:
                    _csv.WriteField(text);
                    break;
                default:
                    _csv.WriteField(field);
                    break;
            }
        }

        _csv.EndRecord();
    }

    public void Flush() => _csv.Flush();

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _csv.FlushAsync(cancellationToken);

    public void Dispose() => _csv.Dispose();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
