namespace Analytics.Storage.Formats;

/// <summary>The CLR type that a ClickHouse type reads as, the same on both backends (see <see cref="ClickHouseRow"/>).</summary>
internal static class ClrTypes
{
    public static Type Of(ClickHouseType type) => type.Name switch
    {
        "Nullable" => NullableOf(Of(type.TypeArgument(0))),
        "LowCardinality" or "SimpleAggregateFunction" => Of(type.TypeArgument(type.RawArguments.Count - 1)),
        "String" or "FixedString" or "Enum8" or "Enum16" or "IPv4" or "IPv6" => typeof(string),
        "UInt8" => typeof(byte),
        "UInt16" => typeof(ushort),
        "UInt32" => typeof(uint),
        "UInt64" => typeof(ulong),
        "UInt128" => typeof(UInt128),
        "Int8" => typeof(sbyte),
        "Int16" => typeof(short),
        "Int32" => typeof(int),
        "Int64" => typeof(long),
        "Int128" => typeof(Int128),
        "Float32" => typeof(float),
        "Float64" => typeof(double),
        "Bool" => typeof(bool),
        "Decimal" or "Decimal32" or "Decimal64" or "Decimal128" => typeof(decimal),
        "Date" or "Date32" => typeof(DateOnly),
        "DateTime" or "DateTime64" => typeof(DateTime),
        "UUID" => typeof(Guid),
        "Array" => Of(type.TypeArgument(0)).MakeArrayType(),
        "Map" => typeof(Dictionary<,>).MakeGenericType(Of(type.TypeArgument(0)), Of(type.TypeArgument(1))),
        "Tuple" => typeof(object[]),
        "Nothing" => typeof(object),
        _ => throw new NotSupportedException($"ClickHouse type '{type}' is not supported by the storage gateway."),
    };

    private static Type NullableOf(Type inner) =>
        inner.IsValueType ? typeof(Nullable<>).MakeGenericType(inner) : inner;

    /// <summary>Decimal scale of a Decimal type, as written in its arguments.</summary>
    public static int DecimalScale(ClickHouseType type) =>
        type.Name == "Decimal" ? type.IntArgument(1) : type.IntArgument(0);

    /// <summary>Bytes of a Decimal value in RowBinary: 4, 8 or 16, by precision.</summary>
    public static int DecimalWidth(ClickHouseType type) => type.Name switch
    {
        "Decimal32" => 4,
        "Decimal64" => 8,
        "Decimal128" => 16,
        _ => type.IntArgument(0) switch
        {
            <= 9 => 4,
            <= 18 => 8,
            <= 38 => 16,
            _ => throw new NotSupportedException($"'{type}' is wider than the gateway's 128-bit decimals."),
        },
    };

    /// <summary>Converts a DateTime64 value of <paramref name="precision"/> fractional digits to .NET ticks (100 ns).</summary>
    public static long ToTicks(long value, int precision) =>
        precision <= 7 ? value * Pow10(7 - precision) : value / Pow10(precision - 7);

    /// <summary>Converts .NET ticks (100 ns) to a DateTime64 value of <paramref name="precision"/> fractional digits.</summary>
    public static long FromTicks(long ticks, int precision) =>
        precision <= 7 ? ticks / Pow10(7 - precision) : ticks * Pow10(precision - 7);

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    public static readonly DateOnly EpochDate = new(1970, 1, 1);
}
