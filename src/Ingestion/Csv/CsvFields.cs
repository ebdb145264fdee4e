using System.Globalization;
using Analytics.Storage;
using CsvHelper;

namespace Analytics.Ingestion.Csv;

/// <summary>
/// The values of the current row by column name, trimmed, an empty cell being null; the typed getters reject the row
/// with a message naming the column and the bad value.
/// </summary>
internal sealed class CsvFields(IReadOnlyList<string> columns)
{
    private readonly Dictionary<string, int> slots = columns.Select((name, slot) => (name, slot)).ToDictionary(c => c.name, c => c.slot);
    private readonly string?[] values = new string?[columns.Count];

    /// <summary>Takes the current record's values: field <c>fieldIndexes[slot]</c> for each schema column, -1 for none.</summary>
    public void Load(CsvReader reader, int[] fieldIndexes)
    {
        for (var slot = 0; slot < values.Length; slot++)
        {
            var value = fieldIndexes[slot] < 0 ? null : reader.GetString(fieldIndexes[slot]).Trim();
            values[slot] = string.IsNullOrEmpty(value) ? null : value;
        }
    }

    /// <summary>The trimmed value, null when the cell is empty or the file lacks the column.</summary>
    public string? Text(string column) => values[slots[column]];

    public string RequiredText(string column) => Text(column) ?? throw Missing(column);

    /// <summary>A value from a fixed set, matched in any case and returned as the set spells it.</summary>
    public string? OneOf(string column, IReadOnlyCollection<string> allowed)
    {
        var value = Text(column);
        return value is null ? null : allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad(column, value, $"is not one of {string.Join(", ", allowed)}");
    }

    public string RequiredOneOf(string column, IReadOnlyCollection<string> allowed) => OneOf(column, allowed) ?? throw Missing(column);

    /// <summary>A UTC time: ISO-8601, a date alone meaning midnight UTC, an offset honoured.</summary>
    public DateTime? Time(string column)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }

        if (!CsvValues.TryParseTime(value, out var time))
        {
            throw Bad(column, value, "is not an ISO-8601 date or time (e.g. 2024-03-01 or 2024-03-01T09:30:00Z)");
        }

        return SupportedTimeRange.Contains(time) ? time : throw new CsvRowException(SupportedTimeRange.Refusal(column, value));
    }

    public DateTime RequiredTime(string column) => Time(column) ?? throw Missing(column);

    public DateOnly RequiredDay(string column)
    {
        var value = RequiredText(column);
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw Bad(column, value, "is not an ISO-8601 date (e.g. 2024-03-01)");
        }

        return SupportedTimeRange.Contains(day) ? day : throw new CsvRowException(SupportedTimeRange.Refusal(column, value));
    }

    /// <summary>A number in invariant culture (a point for decimals, no thousands separators), not negative.</summary>
    public decimal? Amount(string column)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }

        // TRICKY: no thousands separators: "1,5" must not read as 15, and a quoted "1,000" is better rejected than guessed.
        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            throw Bad(column, value, "is not a number (digits with an optional decimal point, e.g. 1250.50)");
        }

        return number < 0 ? throw Bad(column, value, "is negative")
            : number < CsvValues.AmountLimit ? number
            : throw Bad(column, value, "is too large (at most 16 digits before the decimal point)");
    }

    /// <summary>A whole, non-negative number; <c>12.0</c> counts as 12 (spreadsheets write whole numbers so).</summary>
    public ulong? Count(string column, ulong max = ulong.MaxValue)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number != decimal.Truncate(number))
        {
            throw Bad(column, value, "is not a whole number");
        }

        return number < 0 ? throw Bad(column, value, "is negative")
            : number <= max ? (ulong)number
            : throw Bad(column, value, $"is more than {max}");
    }

    /// <summary>An email address, lower-cased.</summary>
    public string? Email(string column)
    {
        var value = Text(column);
        return value is null ? null : CsvValues.TryNormalizeEmail(value, out var email)
            ? email
            : throw Bad(column, value, "is not an email address");
    }

    /// <summary>A domain, normalized as <see cref="CsvValues.NormalizeDomain"/> says.</summary>
    public string? Domain(string column)
    {
        var value = Text(column);
        var domain = value is null ? null : CsvValues.NormalizeDomain(value);
        return domain is null ? null : domain.Length > 0 && !domain.Any(char.IsWhiteSpace)
            ? domain
            : throw Bad(column, value!, "is not a domain (e.g. example.com)");
    }

    public static CsvRowException Missing(string column) => new($"{column} is required but empty");

    public static CsvRowException Bad(string column, string value, string why) => new($"{column} {value} {why}");
}
