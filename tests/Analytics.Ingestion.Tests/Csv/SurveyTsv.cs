using CsvHelper;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// Converts the R Community Survey's TSV files to CSV for the import: read with a real TSV reader (tab-separated, with
/// RFC 4180 quotes that may hold newlines), every column kept so that each record starts on the same line as in the
/// TSV, some columns renamed to ours, a <c>survey</c> column of <c>nps</c> added.
/// </summary>
internal static class SurveyTsv
{
    public static IEnumerable<string> AsCsv(string path, IReadOnlyDictionary<string, string> renames, Func<int, string, string>? rewrite = null)
    {
        using var reader = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { Separator = '\t', DetectSeparatorHint = false }, leaveOpen: false);
        reader.ReadHeader();
        yield return Line(reader.Headers.Select(h => renames.GetValueOrDefault(h, h)).Append("survey"));
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => rewrite is null ? reader.GetString(i) : rewrite(i, reader.GetString(i)));
            yield return Line(fields.Append("nps"));
        }
    }

    // Every field quoted: commas, quotes and newlines of free text survive, and a newline inside a field still counts.
    private static string Line(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\n";
}
