using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Analytics.Storage.Formats;

namespace Analytics.Storage.Server;

/// <summary>
/// Brings values read by ClickHouse.Driver to the CLR types the embedded backend returns (see <see cref="ClickHouseRow"/>),
/// so callers see one set of types whichever engine answers.
/// </summary>
internal static class ServerValues
{
    public static object? Normalize(object? value, ClickHouseType type)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        return type.Name switch
        {
            "Nullable" or "LowCardinality" => Normalize(value, type.TypeArgument(0)),
            "SimpleAggregateFunction" => Normalize(value, type.TypeArgument(type.RawArguments.Count - 1)),
            "Date" or "Date32" => value switch
            {
                DateOnly d => d,
                DateTime dt => DateOnly.FromDateTime(dt),
                DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
                _ => DateOnly.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
            },
            "DateTime" or "DateTime64" => value switch
            {
                DateTimeOffset dto => dto.UtcDateTime,
                DateTime dt => dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc),
                _ => throw new InvalidCastException($"Unexpected {value.GetType().Name} for {type}."),
            },
            "Array" => NormalizeArray((IEnumerable)value, type.TypeArgument(0)),
            "Map" => NormalizeMap((IEnumerable)value, type.TypeArgument(0), type.TypeArgument(1)),
            "Tuple" => NormalizeTuple(value, type),
            "Int128" => value is BigInteger big ? (Int128)big : (Int128)Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            "UInt128" => value is BigInteger ubig ? (UInt128)ubig : (UInt128)Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            "FixedString" => value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0') : value.ToString(),
            _ => ChangeType(value, ClrTypes.Of(type)),
        };
    }

    private static object ChangeType(object value, Type target) =>
        target.IsInstanceOfType(value)
            ? value
            : target == typeof(string)
                ? Convert.ToString(value, CultureInfo.InvariantCulture)!
                : target == typeof(Guid) ? Guid.Parse(value.ToString()!) : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);

    private static Array NormalizeArray(IEnumerable items, ClickHouseType elementType)
    {
        var list = items.Cast<object?>().Select(i => Normalize(i, elementType)).ToList();
        var array = Array.CreateInstance(ClrTypes.Of(elementType), list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            array.SetValue(list[i], i);
        }

        return array;
    }

    private static IDictionary NormalizeMap(IEnumerable entries, ClickHouseType keyType, ClickHouseType valueType)
    {
        var map = (IDictionary)Activator.CreateInstance(
            typeof(Dictionary<,>).MakeGenericType(ClrTypes.Of(keyType), ClrTypes.Of(valueType)))!;
        foreach (var entry in entries)
        {
            var (key, value) = entry switch
            {
                DictionaryEntry d => (d.Key, d.Value),
                _ => ((object?)entry.GetType().GetProperty("Key")!.GetValue(entry), entry.GetType().GetProperty("Value")!.GetValue(entry)),
            };
            map[Normalize(key, keyType)!] = Normalize(value, valueType);
        }

        return map;
    }

    private static object?[] NormalizeTuple(object value, ClickHouseType type)
    {
        var elements = type.TupleElements().ToArray();
        var tuple = (ITuple)value;
        return elements.Select((t, i) => Normalize(tuple[i], t)).ToArray();
    }
}
