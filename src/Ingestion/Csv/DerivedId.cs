using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Ingestion.Csv;

/// <summary>
/// The id of a row that has none, from its content: the same normalized values give the same id, so re-importing a
/// file replaces its rows instead of adding them again.
/// </summary>
internal static class DerivedId
{
    /// <summary>32 hex digits (128 bits) of the SHA-256 of the kind and the values, each told apart from null.</summary>
    public static string Of(CsvKind kind, params object?[] values)
    {
        var text = new StringBuilder(CsvKinds.NameOf(kind));
        foreach (var value in values)
        {
            // TRICKY: a control character as separator, which CSV text practically never holds, and a mark for null, so that
            // ("a", null) and (null, "a") or "a|b" split differently never collide.
            text.Append('\u001f').Append(value switch
            {
                null => "\u0000",
                DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
