namespace Analytics.Ingestion.Tests.Csv;

/// <summary>Runs imports of CSV text and files, and builds the rows a test expects.</summary>
internal static class CsvTestKit
{
    public static Task<List<CsvImportRow>> ImportAsync(CsvKind kind, string csv) =>
        ImportAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    public static async Task<List<CsvImportRow>> ImportAsync(CsvKind kind, Stream csv)
    {
        var rows = new List<CsvImportRow>();
        await foreach (var row in CsvImporter.ReadAsync(kind, csv))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static CsvImportRow Ok(int line, IngestRecord record) => CsvImportRow.Accepted(line, record);

    public static CsvImportRow Bad(int line, string message, string raw) => CsvImportRow.Rejected(line, message, raw);

    public static DateTime Utc(string iso) => DateTime.SpecifyKind(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    /// <summary>A file's lines, each with its own line ending, read lazily so the file streams through unchanged.</summary>
    public static IEnumerable<string> LinesWithEndings(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var line = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            line.Append((char)c);
            if (c == '\n')
            {
                yield return line.ToString();
                line.Clear();
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>Rewrites a line's text and keeps its ending (LF or CRLF) as it was.</summary>
    public static string KeepEnding(string line, Func<string, string> rewrite)
    {
        var body = line.TrimEnd('\r', '\n');
        return rewrite(body) + line[body.Length..];
    }
}
