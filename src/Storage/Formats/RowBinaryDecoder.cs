using System.Collections;

namespace Analytics.Storage.Formats;

/// <summary>
/// Decodes ClickHouse's <c>RowBinaryWithNamesAndTypes</c> output into <see cref="ClickHouseRow"/>s.
/// Each block read from the embedded engine is self-contained: a header (column names and types), then rows.
/// </summary>
internal static class RowBinaryDecoder
{
    internal delegate object? ValueReader(ByteCursor cursor);

    /// <summary>Decodes one block. Column decoders are built once per header and reused while the header repeats.</summary>
    public static IEnumerable<ClickHouseRow> DecodeBlock(byte[] buffer, int length, BlockHeaderCache cache)
    {
        var cursor = new ByteCursor(buffer, length);
        if (cursor.AtEnd)
        {
            yield break;
        }

        var count = checked((int)cursor.ReadVarUInt());
        var names = new string[count];
        var types = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = cursor.ReadString();
        }

        for (var i = 0; i < count; i++)
        {
            types[i] = cursor.ReadString();
        }

        var (columns, readers) = cache.Get(names, types);
        while (!cursor.AtEnd)
        {
            var values = new object?[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = readers[i](cursor);
            }

            yield return new ClickHouseRow(columns, values);
        }
    }

    /// <summary>Keeps the column decoders of the last header seen, so a stream of blocks parses its types once.</summary>
    internal sealed class BlockHeaderCache
    {
        private string[]? _names;
        private string[]? _types;
        private ResultColumns? _columns;
        private ValueReader[]? _readers;

        internal (ResultColumns Columns, ValueReader[] Readers) Get(string[] names, string[] types)
        {
            if (_columns is null || !names.SequenceEqual(_names!) || !types.SequenceEqual(_types!))
            {
                _names = names;
                _types = types;
                _columns = new ResultColumns(names, types);
                _readers = types.Select(t => ReaderFor(ClickHouseType.Parse(t))).ToArray();
            }

            return (_columns, _readers!);
        }
    }

    private static ValueReader ReaderFor(ClickHouseType type)
    {
        switch (type.Name)
        {
            case "Nullable":
                var inner = ReaderFor(type.TypeArgument(0));
                return c => c.ReadByte() != 0 ? null : inner(c);
            case "LowCardinality":
                return ReaderFor(type.TypeArgument(0));
            case "SimpleAggregateFunction":
                return ReaderFor(type.TypeArgument(type.RawArguments.Count - 1));
            case "String":
                return c => c.ReadString();
            case "FixedString":
                var width = type.IntArgument(0);
                return c => System.Text.Encoding.UTF8.GetString(c.ReadBytes(width)).TrimEnd('\0');
            case "UInt8": return c => c.ReadByte();
            case "UInt16": return c => c.ReadUInt16();
            case "UInt32": return c => c.ReadUInt32();
            case "UInt64": return c => c.ReadUInt64();
            case "UInt128": return c => c.ReadUInt128();
            case "Int8": return c => unchecked((sbyte)c.ReadByte());
            case "Int16": return c => unchecked((short)c.ReadUInt16());
            case "Int32": return c => unchecked((int)c.ReadUInt32());
            case "Int64": return c => unchecked((long)c.ReadUInt64());
            case "Int128": return c => unchecked((Int128)c.ReadUInt128());
            case "Float32": return c => BitConverter.UInt32BitsToSingle(c.ReadUInt32());
            case "Float64": return c => BitConverter.UInt64BitsToDouble(c.ReadUInt64());
            case "Bool": return c => c.ReadByte() != 0;
            case "Date":
                return c => ClrTypes.EpochDate.AddDays(c.ReadUInt16());
            case "Date32":
                return c => ClrTypes.EpochDate.AddDays(unchecked((int)c.ReadUInt32()));
            case "DateTime":
                return c => DateTime.UnixEpoch.AddSeconds(c.ReadUInt32());
            case "DateTime64":
                var precision = type.IntArgument(0);
                return c => DateTime.UnixEpoch.AddTicks(ClrTypes.ToTicks(unchecked((long)c.ReadUInt64()), precision));
            case "UUID":
                return c => ReadUuid(c);
            case "Decimal" or "Decimal32" or "Decimal64" or "Decimal128":
                return DecimalReader(type);
            case "Enum8":
                var members8 = type.EnumMembers();
                return c => members8[unchecked((sbyte)c.ReadByte())];
            case "Enum16":
                var members16 = type.EnumMembers();
                return c => members16[unchecked((short)c.ReadUInt16())];
            case "Array":
                return ArrayReader(type.TypeArgument(0));
            case "Map":
                return MapReader(type.TypeArgument(0), type.TypeArgument(1));
            case "Tuple":
                var elements = type.TupleElements().Select(ReaderFor).ToArray();
                return c => elements.Select(read => read(c)).ToArray();
            case "Nothing":
                return _ => null;
            default:
                throw new NotSupportedException($"ClickHouse type '{type}' is not supported by the storage gateway.");
        }
    }

    private static ValueReader DecimalReader(ClickHouseType type)
    {
        var scale = ClrTypes.DecimalScale(type);
        var width = ClrTypes.DecimalWidth(type);
        return c =>
        {
            Int128 unscaled = width switch
            {
                4 => unchecked((int)c.ReadUInt32()),
                8 => unchecked((long)c.ReadUInt64()),
                _ => unchecked((Int128)c.ReadUInt128()),
            };
            return (decimal)unscaled / Pow10(scale);
        };
    }

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static ValueReader ArrayReader(ClickHouseType elementType)
    {
        var readElement = ReaderFor(elementType);
        var clrType = ClrTypes.Of(elementType);
        return c =>
        {
            var length = checked((int)c.ReadVarUInt());
            var array = Array.CreateInstance(clrType, length);
            for (var i = 0; i < length; i++)
            {
                array.SetValue(readElement(c), i);
            }

            return array;
        };
    }

    private static ValueReader MapReader(ClickHouseType keyType, ClickHouseType valueType)
    {
        var readKey = ReaderFor(keyType);
        var readValue = ReaderFor(valueType);
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(ClrTypes.Of(keyType), ClrTypes.Of(valueType));
        return c =>
        {
            var length = checked((int)c.ReadVarUInt());
            var map = (IDictionary)Activator.CreateInstance(dictionaryType)!;
            for (var i = 0; i < length; i++)
            {
                map[readKey(c)!] = readValue(c);
            }

            return map;
        };
    }

    private static Guid ReadUuid(ByteCursor c)
    {
        // TRICKY: ClickHouse writes a UUID as two little-endian UInt64 halves, the high half first.
        var high = c.ReadUInt64();
        var low = c.ReadUInt64();
        return Guid.ParseExact($"{high:x16}{low:x16}", "N");
    }
}
