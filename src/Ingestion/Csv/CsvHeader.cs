namespace Analytics.Ingestion.Csv;

/// <summary>Where each of a schema's columns is in the file, found by name: any order, any case, spaces trimmed.</summary>
internal static class CsvHeader
{
    /// <summary>The field index of each of <paramref name="schema"/>'s columns, -1 when the file lacks it.</summary>
    /// <exception cref="CsvImportException">No header, a column named twice, or a required column missing.</exception>
    public static int[] Resolve(IReadOnlyList<string> names, CsvSchema schema)
    {
        if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
        {
            throw new CsvImportException(1, $"the file is empty; expected a header row naming the columns ({string.Join(", ", schema.Columns)})");
        }

        var found = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            // Unknown columns are ignored, but a known one named twice is ambiguous: which value wins?
            if (schema.Columns.Contains(name, StringComparer.OrdinalIgnoreCase) && !found.TryAdd(name, i))
            {
                throw new CsvImportException(1, $"column {name.ToLowerInvariant()} appears twice in the header (fields {found[name] + 1} and {i + 1})");
            }
        }

        var missing = schema.Required.Where(column => !found.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            var what = missing.Count == 1 ? "required column" : "required columns";
            throw new CsvImportException(1, $"the header lacks the {what} {string.Join(", ", missing)} (it has: {Listing(names)})");
        }

        foreach (var group in schema.AnyOf.Where(group => !group.Any(found.ContainsKey)))
        {
            throw new CsvImportException(1, $"the header needs at least one of the columns {string.Join(", ", group)}");
        }

        return schema.Columns.Select(column => found.GetValueOrDefault(column, -1)).ToArray();
    }

    // A survey export's header can hold dozens of whole questions: name the first few, enough to spot a wrong file.
    private static string Listing(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(12).Select(n => n.Trim())) + (names.Count > 12 ? $", … ({names.Count} columns)" : "");
}
