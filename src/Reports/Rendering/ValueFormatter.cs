using System.Globalization;
using System.Text.Json;
using Analytics.Reports.Dashboards;

namespace Analytics.Reports.Rendering;

/// <summary>
/// Formats a figure of a GraphQL result by its dashboard format (dashboards/README.md), the way the report prints it;
/// tests format the figures /graphql returns with the same methods and look for them in the PDF's text.
/// </summary>
public static class ValueFormatter
{
    /// <summary>What a missing figure (null) prints as.</summary>
    public const string Missing = "–";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(JsonElement? value, ValueFormat format, string currencySymbol = "$")
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Missing;
        }

        if (format is ValueFormat.Text or ValueFormat.Date || element.ValueKind != JsonValueKind.Number)
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            return format == ValueFormat.Date ? FormatDate(text) : text;
        }

        return Format(element.GetDouble(), format, currencySymbol);
    }

    public static string Format(double value, ValueFormat format, string currencySymbol = "$") => format switch
    {
        ValueFormat.Integer => Math.Round(value, MidpointRounding.AwayFromZero).ToString("N0", Invariant),
        ValueFormat.Number => Round(value, 2).ToString("N2", Invariant),
        ValueFormat.Percent => Round(value * 100, 1).ToString("N1", Invariant) + "%",
        ValueFormat.Score => Round(value, 1).ToString("N1", Invariant),
        ValueFormat.Currency => Currency(value, currencySymbol),
        ValueFormat.Days => Round(value, 1).ToString("N1", Invariant) + " d",
        _ => value.ToString("R", Invariant),
    };

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/>: points for shares and scores (+2.5 pts),
    /// a relative change for counts and amounts (+12.0%), the difference when there was nothing before; null when either is missing.
    /// </summary>
    public static string? Change(double? current, double? previous, ValueFormat format, string currencySymbol = "$")
    {
        if (current is not { } now || previous is not { } before)
        {
            return null;
        }

        var difference = now - before;
        return format switch
        {
            ValueFormat.Percent => Signed(difference * 100, "N1") + " pts",
            ValueFormat.Score => Signed(difference, "N1") + " pts",
            _ when before == 0 => difference == 0 ? "no change" : Signed(difference, format == ValueFormat.Integer ? "N0" : "N1"),
            _ => Signed(difference / Math.Abs(before) * 100, "N1") + "%",
        };
    }

    /// <summary>A date (<c>2026-11-23</c>) or a time (<c>2026-11-23T10:00:00.000Z</c>) as <c>23 Nov 2026</c>.</summary>
    public static string FormatDate(string text) =>
        DateTime.TryParse(text, Invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToString("d MMM yyyy", Invariant)
            : text;

    // Halves round away from zero (12.25 → 12.3), as people and the web UI's toFixed mostly expect.
    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static string Currency(double value, string symbol)
    {
        var magnitude = Math.Abs(value);
        var text = magnitude >= 1_000_000 ? (magnitude / 1_000_000).ToString("N2", Invariant) + "M"
            : magnitude.ToString("N0", Invariant);
        return (value < 0 ? "-" : "") + symbol + text;
    }

    private static string Signed(double value, string format)
    {
        var rounded = value.ToString(format, Invariant);
        return rounded.TrimStart('-') is var magnitude && magnitude.All(c => c is '0' or '.' or ',') ? "±" + magnitude
            : value > 0 ? "+" + rounded : rounded;
    }
}
