using System.Globalization;
using System.Text;

namespace Analytics.Storage.Formats;

/// <summary>
/// A parsed ClickHouse type name such as <c>Array(Nullable(String))</c> or <c>DateTime64(3, 'UTC')</c>:
/// the name and its arguments, which are either nested types or literals (numbers, quoted strings, enum pairs).
/// </summary>
internal sealed class ClickHouseType
{
    private ClickHouseType(string name, IReadOnlyList<string> rawArguments, string text)
    {
        Name = name;
        RawArguments = rawArguments;
        Text = text;
    }

    public string Name { get; }

    /// <summary>The arguments as written, split at top-level commas and trimmed.</summary>
    public IReadOnlyList<string> RawArguments { get; }

    public string Text { get; }

    /// <summary>The argument at <paramref name="index"/> parsed as a type.</summary>
    public ClickHouseType TypeArgument(int index) => Parse(RawArguments[index]);

    /// <summary>The argument at <paramref name="index"/> as an integer literal.</summary>
    public int IntArgument(int index) => int.Parse(RawArguments[index], CultureInfo.InvariantCulture);

    /// <summary>Tuple elements, with the optional element names of named tuples dropped.</summary>
    public IEnumerable<ClickHouseType> TupleElements() =>
        RawArguments.Select(a => Parse(StripElementName(a)));

    /// <summary>The value-to-name pairs of <c>Enum8('a' = 1, 'b' = 2)</c>.</summary>
    public Dictionary<short, string> EnumMembers()
    {
        var members = new Dictionary<short, string>();
        foreach (var pair in RawArguments)
        {
            var eq = pair.LastIndexOf('=');
            var label = UnquoteLiteral(pair[..eq].Trim());
            members[short.Parse(pair[(eq + 1)..].Trim(), CultureInfo.InvariantCulture)] = label;
        }

        return members;
    }

    public override string ToString() => Text;

    public static ClickHouseType Parse(string text)
    {
        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(');
        if (open < 0)
        {
            return new ClickHouseType(trimmed, [], trimmed);
        }

        if (!trimmed.EndsWith(')'))
        {
            throw new FormatException($"Unbalanced parentheses in ClickHouse type '{text}'.");
        }

        var name = trimmed[..open].Trim();
        var inner = trimmed[(open + 1)..^1];
        return new ClickHouseType(name, SplitTopLevel(inner), trimmed);
    }

    /// <summary>Splits at commas that are outside quotes and parentheses.</summary>
    private static List<string> SplitTopLevel(string inner)
    {
        var parts = new List<string>();
        var depth = 0;
        var inQuote = false;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (inQuote)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inQuote = false;
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                    inQuote = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(inner[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        if (inner.Trim().Length > 0)
        {
            parts.Add(inner[start..].Trim());
        }

        return parts;
    }

    private static string StripElementName(string element)
    {
        // Named tuple element: "name Type(...)". A type never has a space before its first parenthesis.
        var space = element.IndexOf(' ');
        var paren = element.IndexOf('(');
        return space > 0 && (paren < 0 || space < paren) ? element[(space + 1)..] : element;
    }

    private static string UnquoteLiteral(string quoted)
    {
        var body = quoted[1..^1];
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                i++;
            }

            sb.Append(body[i]);
        }

        return sb.ToString();
    }
}
