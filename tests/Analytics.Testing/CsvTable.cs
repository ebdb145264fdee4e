using System.Text;

namespace Analytics.Testing;

/// <summary>
/// Delimited text read by a deliberately plain RFC 4180 reader, character by character (quoted fields, doubled quotes,
/// line breaks inside quotes), written apart from the importer and its library: CSV as the product writes it is read
/// back, and the figures the data-set tests expect are counted, independently of the code under test.
/// </summary>
public sealed record CsvTable(string[] Header, List<Dictionary<string, string>> Rows, List<int> FieldCounts)
{
    /// <summary>The header, then each row keyed by the header's names, with how many fields each row had.</summary>
    public static CsvTable Read(string text)
    {
        var records = Records(text, ',');
        var header = records.Count > 0 ? records[0].Fields : throw new InvalidDataException("No header row.");
        var rows = records.Skip(1).Select(r => header.Zip(r.Fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();
        return new CsvTable(header, rows, records.Skip(1).Select(r => r.Fields.Length).ToList());
    }

    /// <summary>The records of a delimited file (see <see cref="Records(string, char)"/>), read as UTF-8.</summary>
    public static List<(int Line, string[] Fields)> RecordsOfFile(string path, char separator) =>
        Records(File.ReadAllText(path, Encoding.UTF8), separator);

    /// <summary>
    /// Every record (the header first) with the line it starts on; CR, LF and CRLF each end a line; a quote opens a
    /// quoted field only at the field's start (the R survey's free text has stray ones inside fields).
    /// </summary>
    public static List<(int Line, string[] Fields)> Records(string text, char separator)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, quoted, fieldStarted) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var crlf = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n';
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' || (c == '\r' && !crlf) ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && !fieldStarted)
            {
                (quoted, fieldStarted) = (true, true);
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                (field, fieldStarted) = (new StringBuilder(), false);
            }
            else if (c is '\r' or '\n')
            {
                i += crlf ? 1 : 0;
                fields.Add(field.ToString());
                if (fields is not [""])
                {
                    records.Add((start, fields.ToArray()));
                }

                (fields, field, fieldStarted) = ([], new StringBuilder(), false);
                start = ++line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields.ToArray()));
        }

        return records;
    }

    /// <summary>One column of every row, in order.</summary>
    public List<string> Column(string name) => Rows.Select(r => r[name]).ToList();
}
