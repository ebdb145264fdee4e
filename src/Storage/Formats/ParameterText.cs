using System.Collections;
using System.Globalization;
using System.Text;

namespace Analytics.Storage.Formats;

/// <summary>
/// Writes a parameter value in the text form ClickHouse parses for a <c>{name:Type}</c> placeholder: the "escaped"
/// form at the top level (backslash escapes, <c>\N</c> for NULL) and the "quoted" form inside arrays, maps and tuples.
/// This is the same text the HTTP interface takes as <c>param_name</c>.
/// </summary>
internal static class ParameterText
{
    public static string Format(object? value) => value switch
    {
        null or DBNull => "\\N",
        string s => Escape(s, quote: false),
        _ => FormatNonString(value, nested: false),
    };

    private static string FormatNested(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => Escape(s, quote: true),
        _ => FormatNonString(value, nested: true),
    };

    private static string FormatNonString(object value, bool nested)
    {
        var inv = CultureInfo.InvariantCulture;
        string Quoted(string text) => nested ? $"'{text}'" : text;
        return value switch
        {
            bool b => b ? "true" : "false",
            DateTime dt => Quoted(FormatTime(Formats.RowBinaryEncoder.ToUtc(dt))),
            DateTimeOffset dto => Quoted(FormatTime(dto.UtcDateTime)),
            DateOnly d => Quoted(d.ToString("yyyy-MM-dd", inv)),
            Guid g => Quoted(g.ToString("D")),
            Enum e => Escape(e.ToString(), quote: nested),
            double d => d.ToString("R", inv),
            float f => f.ToString("R", inv),
            IFormattable f when IsNumber(value) => f.ToString(null, inv),
            IDictionary map => "{" + string.Join(",", Entries(map).Select(e => FormatNested(e.Key) + ":" + FormatNested(e.Value))) + "}",
            IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(FormatNested)) + "]",
            _ => throw new ArgumentException($"A {value.GetType().Name} cannot be sent as a query parameter."),
        };
    }

    /// <summary>A dictionary's entries; IDictionary's own enumerator, since a generic one yields KeyValuePairs.</summary>
    private static IEnumerable<DictionaryEntry> Entries(IDictionary map)
    {
        var entries = map.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static bool IsNumber(object value) => value is byte or sbyte or short or ushort or int or uint or long
        or ulong or decimal or Int128 or UInt128;

    /// <summary>Seconds with the fraction only when there is one, so both DateTime and DateTime64 placeholders parse it.</summary>
    private static string FormatTime(DateTime utc)
    {
        var text = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string Escape(string text, bool quote)
    {
        var sb = new StringBuilder(text.Length + 2);
        if (quote)
        {
            sb.Append('\'');
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }

        if (quote)
        {
            sb.Append('\'');
        }

        return sb.ToString();
    }
}
