using System.Globalization;

namespace Analytics.Ingestion.Csv;

/// <summary>The value formats of the CSV import: ISO-8601 times, emails, domains.</summary>
internal static class CsvValues
{
    // ISO-8601's extended forms, and RFC 3339's space for the T (what most databases export). K matches Z, an offset
    // (+02:00 or +0200) or nothing, which then means UTC, as a date alone does.
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    // What storage can hold (ClickHouse Decimal(18, 2)): a value outside would overflow silently on insert, so it is
    // rejected here, where the row can still be reported. Times are checked against SupportedTimeRange.
    public const decimal AmountLimit = 10_000_000_000_000_000m;

    /// <summary>Parses an ISO-8601 date or time to UTC (<see cref="DateTimeKind.Utc"/>).</summary>
    public static bool TryParseTime(string value, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time);
        utc = ok ? time.UtcDateTime : default;
        return ok;
    }

    /// <summary>Lower-cases an email; it must have one @ with text on both sides and no spaces.</summary>
    public static bool TryNormalizeEmail(string value, out string email)
    {
        email = value.ToLowerInvariant();
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// A domain as identity resolution compares it with email domains: lower case, without scheme, path or "www.".
    /// </summary>
    public static string NormalizeDomain(string value)
    {
        var domain = value.ToLowerInvariant();
        var scheme = domain.IndexOf("://", StringComparison.Ordinal);
        domain = scheme >= 0 ? domain[(scheme + 3)..] : domain;
        var path = domain.IndexOfAny(['/', '?', '#']);
        domain = path >= 0 ? domain[..path] : domain;
        return domain.StartsWith("www.", StringComparison.Ordinal) ? domain[4..] : domain;
    }
}
