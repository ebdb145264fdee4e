using System.Text.RegularExpressions;

namespace Analytics.Storage;

/// <summary>An error reported by the ClickHouse engine, with its numeric code and symbolic name.</summary>
public sealed partial class ClickHouseException : Exception
{
    public ClickHouseException(int code, string? name, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Name = name;
    }

    /// <summary>ClickHouse's error code, e.g. 60 for UNKNOWN_TABLE; 0 when the engine gave none.</summary>
    public int Code { get; }

    /// <summary>ClickHouse's error name, e.g. <c>UNKNOWN_TABLE</c>, when the message carries it.</summary>
    public string? Name { get; }

    /// <summary>Builds the exception from an engine message like <c>Code: 60. DB::Exception: ... (UNKNOWN_TABLE)</c>.</summary>
    public static ClickHouseException FromMessage(string message, Exception? inner = null)
    {
        var trimmed = message.Trim();
        var code = CodePattern().Match(trimmed);
        var name = NamePattern().Match(trimmed);
        return new ClickHouseException(
            code.Success ? int.Parse(code.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            name.Success ? name.Groups[1].Value : null,
            trimmed,
            inner);
    }

    [GeneratedRegex(@"Code:\s*(\d+)")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\(([A-Z][A-Z0-9_]+)\)(?:\s*\(version [^)]*\))?\s*$")]
    private static partial Regex NamePattern();
}
