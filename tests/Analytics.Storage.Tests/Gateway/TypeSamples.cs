using Analytics.Storage.Formats;

namespace Analytics.Storage.Tests.Gateway;

/// <summary>Values that stress each ClickHouse type the schema uses: limits, quotes, escapes, non-Latin text, NULL.</summary>
internal static class TypeSamples
{
    private static readonly string[] Strings =
    [
        "", "plain", "x'); DROP TABLE events; --", "back\\slash \\N \\'", "line\nbreak\ttab\rreturn", "Ünïcödé 日本語 עברית 🚀",
    ];

    public static object?[] For(string typeText) => For(ClickHouseType.Parse(typeText));

    private static object?[] For(ClickHouseType type) => type.Name switch
    {
        "Nullable" => [null, .. For(type.TypeArgument(0))],
        "LowCardinality" => For(type.TypeArgument(0)),
        "SimpleAggregateFunction" => For(type.TypeArgument(type.RawArguments.Count - 1)),
        "String" => Strings,
        "UInt8" => [(byte)0, (byte)255],
        "UInt32" => [0u, uint.MaxValue],
        "UInt64" => [0ul, ulong.MaxValue],
        "Int64" => [long.MinValue, 0L, long.MaxValue],
        "Float64" => [0.0, -1.5, 1e300, double.Epsilon],
        "Bool" => [true, false],
        "Decimal" => [0m, 12345.67m, -0.01m, 9999999999999999.99m],
        "Date" => [new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(2149, 6, 6)],
        "DateTime64" =>
        [
            DateTime.UnixEpoch,
            new DateTime(2024, 3, 31, 1, 59, 59, 999, DateTimeKind.Utc),
            new DateTime(2099, 12, 31, 23, 59, 59, 123, DateTimeKind.Utc),
        ],
        "UUID" => [Guid.Empty, Guid.Parse("0f8e2b6c-4a3d-4e5f-9a1b-2c3d4e5f6a7b")],
        "Array" => [Array.Empty<string>(), Strings[2..]],
        "Map" => [new Dictionary<string, string>(), new Dictionary<string, string> { ["k'1"] = "v\n1", ["ключ"] = "" }],
        _ => throw new NotSupportedException($"No samples for ClickHouse type '{type}': add them here so the round-trip test covers it."),
    };
}
