using System.Collections;

namespace Analytics.Storage;

/// <summary>
/// Values for the typed placeholders of a statement (<c>{name:Type}</c>). The SQL names each value's type;
/// values are sent apart from the SQL text, so any string, however it is quoted, is only ever data.
/// </summary>
public sealed class QueryParameters : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    /// <summary>Adds or replaces a value. Names are those of the placeholders, without braces or type.</summary>
    public QueryParameters Add(string name, object? value)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a valid parameter name (letters, digits and underscores).", nameof(name));
        }

        _values[name] = value;
        return this;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
