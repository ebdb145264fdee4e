using System.Collections;
using System.Globalization;

namespace Analytics.Storage.Formats;

/// <summary>
/// Encodes rows of CLR values as ClickHouse's <c>RowBinaryWithDefaults</c> for a known list of column types.
/// A null for a column that is not Nullable asks for the column's DEFAULT; values are converted to the column type
/// (numbers from any numeric type or invariant string, times from DateTime, DateTimeOffset or ISO-8601 text).
/// </summary>
internal sealed class RowBinaryEncoder
{
    private delegate void ValueWriter(ByteSink sink, object value);

    private readonly string[] _columns;
    private readonly ValueWriter[] _writers;
    private readonly bool[] _nullable;

    public RowBinaryEncoder(IReadOnlyList<string> columns, IReadOnlyList<string> types)
    {
        _columns = columns.ToArray();
        var parsed = types.Select(ClickHouseType.Parse).ToArray();
        _nullable = parsed.Select(t => t.Name == "Nullable").ToArray();
        _writers = parsed.Select(t => WriterFor(t.Name == "Nullable" ? t.TypeArgument(0) : t)).ToArray();
    }

    /// <summary>Appends one row; throws <see cref="ArgumentException"/> naming the column when a value does not fit.</summary>
    public void WriteRow(ByteSink sink, object?[] row)
    {
        if (row.Length != _columns.Length)
        {
            throw new ArgumentException($"A row has {row.Length} values for {_columns.Length} columns.");
        }

        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i] is DBNull ? null : row[i];
            if (value is null && !_nullable[i])
            {
                sink.WriteByte(1); // use the column's DEFAULT
                continue;
            }

            sink.WriteByte(0);
            if (_nullable[i])
            {
                sink.WriteByte(value is null ? (byte)1 : (byte)0);
                if (value is null)
                {
                    continue;
                }
            }

            try
            {
                _writers[i](sink, value!);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"Column '{_columns[i]}': cannot write {Describe(value)} ({e.Message})", e);
            }
        }
    }

    private static string Describe(object? value) => value is null ? "NULL" : $"{value.GetType().Name} '{value}'";

    private static ValueWriter WriterFor(ClickHouseType type)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type.Name)
        {
            case "LowCardinality":
                return WriterFor(type.TypeArgument(0));
            case "SimpleAggregateFunction":
                return WriterFor(type.TypeArgument(type.RawArguments.Count - 1));
            case "Nullable":
                var inner = WriterFor(type.TypeArgument(0));
                return (s, v) =>
                {
                    s.WriteByte(0);
                    inner(s, v);
                };
            case "String":
                return (s, v) => s.WriteString(v as string ?? Convert.ToString(v, inv)!);
            case "FixedString":
                var width = type.IntArgument(0);
                return (s, v) => s.WriteFixed(v as string ?? Convert.ToString(v, inv)!, width);
            case "UInt8": return (s, v) => s.WriteByte(Convert.ToByte(v, inv));
            case "UInt16": return (s, v) => s.WriteUInt16(Convert.ToUInt16(v, inv));
            case "UInt32": return (s, v) => s.WriteUInt32(Convert.ToUInt32(v, inv));
            case "UInt64": return (s, v) => s.WriteUInt64(Convert.ToUInt64(v, inv));
            case "Int8": return (s, v) => s.WriteByte(unchecked((byte)Convert.ToSByte(v, inv)));
            case "Int16": return (s, v) => s.WriteUInt16(unchecked((ushort)Convert.ToInt16(v, inv)));
            case "Int32": return (s, v) => s.WriteUInt32(unchecked((uint)Convert.ToInt32(v, inv)));
            case "Int64": return (s, v) => s.WriteUInt64(unchecked((ulong)Convert.ToInt64(v, inv)));
            case "Float32": return (s, v) => s.WriteUInt32(BitConverter.SingleToUInt32Bits(Convert.ToSingle(v, inv)));
            case "Float64": return (s, v) => s.WriteUInt64(BitConverter.DoubleToUInt64Bits(Convert.ToDouble(v, inv)));
            case "Bool": return (s, v) => s.WriteByte(Convert.ToBoolean(v, inv) ? (byte)1 : (byte)0);
            case "Date":
                return (s, v) => s.WriteUInt16(checked((ushort)DaysSinceEpoch(v)));
            case "Date32":
                return (s, v) => s.WriteUInt32(unchecked((uint)DaysSinceEpoch(v)));
            case "DateTime":
                return (s, v) => s.WriteUInt32(checked((uint)((ToUtc(v) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond)));
            case "DateTime64":
                var precision = type.IntArgument(0);
                return (s, v) => s.WriteUInt64(unchecked((ulong)ClrTypes.FromTicks((ToUtc(v) - DateTime.UnixEpoch).Ticks, precision)));
            case "UUID":
                return (s, v) => WriteUuid(s, v is Guid g ? g : Guid.Parse(Convert.ToString(v, inv)!));
            case "Decimal" or "Decimal32" or "Decimal64" or "Decimal128":
                return DecimalWriter(type);
            case "Enum8" or "Enum16":
                var values = type.EnumMembers().ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
                var wide = type.Name == "Enum16";
                return (s, v) =>
                {
                    var label = Convert.ToString(v, inv)!;
                    if (!values.TryGetValue(label, out var code))
                    {
                        throw new ArgumentException($"'{label}' is not one of {string.Join(", ", values.Keys)}.");
                    }

                    if (wide)
                    {
                        s.WriteUInt16(unchecked((ushort)code));
                    }
                    else
                    {
                        s.WriteByte(unchecked((byte)(sbyte)code));
                    }
                };
            case "Array":
                var element = ElementWriter(type.TypeArgument(0));
                return (s, v) =>
                {
                    var items = v as ICollection ?? ((IEnumerable)v).Cast<object?>().ToList();
                    s.WriteVarUInt((ulong)items.Count);
                    foreach (var item in items)
                    {
                        element(s, item);
                    }
                };
            case "Map":
                var key = ElementWriter(type.TypeArgument(0));
                var value = ElementWriter(type.TypeArgument(1));
                return (s, v) =>
                {
                    var map = (IDictionary)v;
                    s.WriteVarUInt((ulong)map.Count);
                    foreach (DictionaryEntry entry in map)
                    {
                        key(s, entry.Key);
                        value(s, entry.Value);
                    }
                };
            default:
                throw new NotSupportedException($"ClickHouse type '{type}' is not supported for inserts by the storage gateway.");
        }
    }

    /// <summary>Inside arrays and maps there is no DEFAULT marker; Nullable elements still carry their null flag.</summary>
    private static Action<ByteSink, object?> ElementWriter(ClickHouseType type)
    {
        if (type.Name == "Nullable")
        {
            var inner = WriterFor(type.TypeArgument(0));
            return (s, v) =>
            {
                s.WriteByte(v is null ? (byte)1 : (byte)0);
                if (v is not null)
                {
                    inner(s, v);
                }
            };
        }

        var write = WriterFor(type);
        return (s, v) => write(s, v ?? throw new ArgumentException($"NULL inside a collection of non-Nullable {type}."));
    }

    private static ValueWriter DecimalWriter(ClickHouseType type)
    {
        var scale = ClrTypes.DecimalScale(type);
        var width = ClrTypes.DecimalWidth(type);
        var factor = 1m;
        for (var i = 0; i < scale; i++)
        {
            factor *= 10;
        }

        return (s, v) =>
        {
            var unscaled = (Int128)decimal.Round(Convert.ToDecimal(v, CultureInfo.InvariantCulture) * factor);
            switch (width)
            {
                case 4: s.WriteUInt32(unchecked((uint)checked((int)unscaled))); break;
                case 8: s.WriteUInt64(unchecked((ulong)checked((long)unscaled))); break;
                default: s.WriteUInt128(unchecked((UInt128)unscaled)); break;
            }
        };
    }

    private static int DaysSinceEpoch(object value) => value switch
    {
        DateOnly d => d.DayNumber - ClrTypes.EpochDate.DayNumber,
        _ => DateOnly.FromDateTime(ToUtc(value)).DayNumber - ClrTypes.EpochDate.DayNumber,
    };

    /// <summary>Times are stored in UTC; a DateTime of unspecified kind is taken as UTC already.</summary>
    internal static DateTime ToUtc(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        DateTimeOffset dto => dto.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime,
        _ => throw new InvalidCastException($"{value.GetType().Name} is not a time."),
    };

    private static void WriteUuid(ByteSink sink, Guid guid)
    {
        var hex = guid.ToString("N");
        sink.WriteUInt64(ulong.Parse(hex.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        sink.WriteUInt64(ulong.Parse(hex.AsSpan(16, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
