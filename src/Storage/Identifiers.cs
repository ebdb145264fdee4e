using System.Text.RegularExpressions;

namespace Analytics.Storage;

/// <summary>Table, column and database names that go into SQL text: checked against a strict pattern, then quoted.</summary>
public static partial class Identifiers
{
    /// <summary>Quotes a plain identifier (letters, digits, underscores) with backticks, refusing anything else.</summary>
    public static string Quote(string identifier) =>
        IdentifierPattern().IsMatch(identifier)
            ? $"`{identifier}`"
            : throw new ArgumentException($"'{identifier}' is not a plain identifier (letters, digits and underscores).", nameof(identifier));

    /// <summary>Quotes <c>table</c> or <c>database.table</c>.</summary>
    public static string QuoteQualified(string name) =>
        string.Join('.', name.Split('.', 2).Select(Quote));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
