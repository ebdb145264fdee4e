namespace Analytics.Storage;

/// <summary>The names and ClickHouse types of a result's columns, shared by all its rows.</summary>
public sealed class ResultColumns
{
    private readonly Dictionary<string, int> _ordinals;

    public ResultColumns(IReadOnlyList<string> names, IReadOnlyList<string> types)
    {
        Names = names;
        Types = types;
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _ordinals.TryAdd(names[i], i);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Types { get; }

    public int Count => Names.Count;

    public int OrdinalOf(string name) =>
        _ordinals.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"The result has no column '{name}'; it has {string.Join(", ", Names)}.");
}

/// <summary>
/// One row of a query result. Values use one set of CLR types on both backends:
/// strings and enums as <see cref="string"/>, integers by width and sign, <c>Float*</c> as float/double,
/// <c>Decimal</c> as decimal, <c>Date</c>/<c>Date32</c> as <see cref="DateOnly"/>, <c>DateTime</c>/<c>DateTime64</c> as
/// UTC <see cref="DateTime"/>, <c>UUID</c> as <see cref="Guid"/>, <c>Array(T)</c> as <c>T[]</c>,
/// <c>Map(K, V)</c> as <c>Dictionary&lt;K, V&gt;</c>, <c>Bool</c> as bool and NULL as null.
/// </summary>
public sealed class ClickHouseRow
{
    private readonly object?[] _values;

    public ClickHouseRow(ResultColumns columns, object?[] values)
    {
        Columns = columns;
        _values = values;
    }

    public ResultColumns Columns { get; }

    public object? this[int ordinal] => _values[ordinal];

    public object? this[string name] => _values[Columns.OrdinalOf(name)];

    /// <summary>The value of a column converted to <typeparamref name="T"/> (numbers widen or narrow as asked).</summary>
    public T Get<T>(string name) => Convert<T>(this[name]);

    public T Get<T>(int ordinal) => Convert<T>(this[ordinal]);

    private static T Convert<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"NULL cannot be read as {typeof(T).Name}.");
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
