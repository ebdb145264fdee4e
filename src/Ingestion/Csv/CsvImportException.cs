namespace Analytics.Ingestion.Csv;

/// <summary>
/// The file as a whole cannot be imported: no header, a required column missing, a column twice, or a record too large
/// to be a record (an unterminated quote). Thrown before any record when the header is at fault.
/// </summary>
public sealed class CsvImportException(int line, string message, Exception? inner = null)
    : Exception($"line {line}: {message}", inner)
{
    /// <summary>The line at fault; 1 for the header.</summary>
    public int Line { get; } = line;
}
