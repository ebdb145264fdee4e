using Analytics.Storage;

namespace Analytics.Ingestion.Records;

/// <summary>Every time a record carries, checked against <see cref="SupportedTimeRange"/>.</summary>
public static class RecordTimes
{
    /// <summary>Why the record cannot be stored because of one of its times, or null when they all fit.</summary>
    public static string? OutOfRange(IngestRecord record) => record switch
    {
        EngagementEvent e => Check("timestamp", e.Timestamp),
        OpportunityRecord o => Check("created_at", o.CreatedAt) ?? (o.ClosedAt is { } closed ? Check("closed_at", closed) : null),
        SurveyResponseRecord s => Check("responded_at", s.RespondedAt),
        AdPerformanceRecord a => SupportedTimeRange.Contains(a.Date) ? null : SupportedTimeRange.Refusal("date", a.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };

    private static string? Check(string field, DateTime utc) =>
        SupportedTimeRange.Contains(utc) ? null : SupportedTimeRange.Refusal(field, SupportedTimeRange.Format(utc));
}
