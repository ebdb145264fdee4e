using Microsoft.VisualBasic.FileIO;

namespace Analytics.Testing;

/// <summary>
/// CSV as the product writes it, read back with the framework's RFC 4180 reader (<see cref="TextFieldParser"/>: quoted
/// fields, doubled quotes, line breaks inside quotes), a reader the product itself does not use.
/// </summary>
public sealed record CsvTable(string[] Header, List<Dictionary<string, string>> Rows, List<int> FieldCounts)
{
    /// <summary>The header, then each row keyed by the header's names, with how many fields each row had.</summary>
    public static CsvTable Read(string text)
    {
        using var parser = new TextFieldParser(new StringReader(text))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? throw new InvalidDataException("No header row.");
        var rows = new List<Dictionary<string, string>>();
        var counts = new List<int>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            counts.Add(fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return new CsvTable(header, rows, counts);
    }

    /// <summary>One column of every row, in order.</summary>
    public List<string> Column(string name) => Rows.Select(r => r[name]).ToList();
}
