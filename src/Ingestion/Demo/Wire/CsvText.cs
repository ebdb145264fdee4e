using System.Globalization;
using System.Text;

namespace Analytics.Ingestion.Demo.Wire;

/// <summary>Writes CSV as RFC 4180 says: CRLF line ends, fields quoted when they hold a comma, quote or line break.</summary>
internal sealed class CsvText(params string[] header)
{
    private readonly StringBuilder _text = new();

    public int Rows { get; private set; }

    public string[] Header { get; } = header;

    public void Row(params string?[] fields)
    {
        if (fields.Length != Header.Length)
        {
            throw new ArgumentException($"A row of {fields.Length} fields under a header of {Header.Length}.", nameof(fields));
        }

        Append(fields);
        Rows++;
    }

    public override string ToString()
    {
        var all = new StringBuilder();
        Append(Header, all);
        all.Append(_text);
        return all.ToString();
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Number(ulong? value) => value?.ToString(CultureInfo.InvariantCulture);

    private void Append(string?[] fields) => Append(fields, _text);

    private static void Append(string?[] fields, StringBuilder into)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                into.Append(',');
            }

            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                into.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                into.Append(field);
            }
        }

        into.Append("\r\n");
    }
}
