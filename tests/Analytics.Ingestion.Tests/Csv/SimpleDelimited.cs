using System.Text;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// A deliberately plain RFC 4180 reader, character by character, written apart from the importer and its library so
/// that the figures the data-set tests expect are counted independently of the code under test.
/// </summary>
internal static class SimpleDelimited
{
    /// <summary>Every record (the header first) with the line it starts on; CR, LF and CRLF each end a line.</summary>
    public static List<(int Line, string[] Fields)> Read(string path, char separator)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
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
}
