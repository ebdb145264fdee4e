using System.Globalization;

namespace Analytics.Storage;

/// <summary>
/// The times the data model holds: from 1970-01-01 (inclusive) to 2100-01-01 (exclusive), UTC. Raw times are
/// <c>DateTime64(3)</c> (1900–2299), but the rollups bucket them into <c>Date</c> columns (1970-01-01 to 2149-06-06),
/// whose day numbers wrap silently outside: an event of 2200-06-15 would be counted on 2021-01-08. Ingestion refuses
/// any time outside this range; the margin before 2149 leaves weeks and months whole.
/// </summary>
public static class SupportedTimeRange
{
    /// <summary>The first supported instant: 1970-01-01T00:00:00Z.</summary>
    public static readonly DateTime From = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first instant past the range: 2100-01-01T00:00:00Z.</summary>
    public static readonly DateTime To = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The range as people read it: "1970-01-01 to 2100-01-01" (the end exclusive).</summary>
    public static string Text { get; } = $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}";

    /// <summary>Whether a UTC time lies in [<see cref="From"/>, <see cref="To"/>).</summary>
    public static bool Contains(DateTime utc) => utc >= From && utc < To;

    /// <summary>Whether a day lies in the range.</summary>
    public static bool Contains(DateOnly day) => Contains(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>Whether unix seconds lie in the range.</summary>
    public static bool ContainsUnixSeconds(long seconds) =>
        seconds >= 0 && seconds < (To - From).Ticks / TimeSpan.TicksPerSecond;

    /// <summary>The refusal of a value outside the range, e.g. "timestamp 2200-06-15T00:00:00Z is outside the supported range 1970-01-01 to 2100-01-01".</summary>
    /// <param name="field">The field or column the value came in.</param>
    /// <param name="value">The value as the sender wrote it.</param>
    public static string Refusal(string field, string value) => $"{field} {value} is outside the supported range {Text}";

    /// <summary>A UTC time as <see cref="Refusal"/> shows it: ISO-8601 with a Z, milliseconds only when there are some.</summary>
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
