using System.Globalization;
using Analytics.Ingestion.Csv;

namespace Analytics.Demo.Wire;

/// <summary>A CSV file of the demo built in memory, header first, written verbatim (<see cref="CsvRowWriter"/>).</summary>
internal sealed class CsvText
{
    private readonly StringWriter _text = new();
    private readonly CsvRowWriter _writer;

    public CsvText(params string[] header)
    {
        Header = header;
        _writer = CsvRowWriter.Verbatim(_text);
        _writer.WriteRow([.. header]);
    }

    public int Rows { get; private set; }

    public string[] Header { get; }

    public void Row(params string?[] fields)
    {
        if (fields.Length != Header.Length)
        {
            throw new ArgumentException($"A row of {fields.Length} fields under a header of {Header.Length}.", nameof(fields));
        }

        _writer.WriteRow([.. fields]);
        Rows++;
    }

    public override string ToString()
    {
        _writer.Flush();
        return _text.ToString();
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Number(ulong? value) => value?.ToString(CultureInfo.InvariantCulture);
}
