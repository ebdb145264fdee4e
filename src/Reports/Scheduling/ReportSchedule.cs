using Quartz;

namespace Analytics.Reports.Scheduling;

/// <summary>
/// When a report runs: a Quartz cron expression read in an IANA time zone, so Monday 08:00 stays Monday 08:00 local
/// across daylight-saving changes (the UTC instant moves instead).
/// </summary>
public sealed class ReportSchedule
{
    private readonly CronExpression _expression;

    public ReportSchedule(string report, string cron, TimeZoneInfo zone, IReadOnlyList<string> recipients)
    {
        if (!CronExpression.TryParse(cron, out _))
        {
            throw new ReportConfigurationException($"{(report == Alerts.SurgeDigest.Report ? "Reports:Surge" : $"Reports:Schedules:{report}")}:Cron: '{cron}' is not a Quartz cron expression (seconds first, e.g. '0 0 8 ? * MON').");
        }

        Report = report;
        Cron = cron;
        Zone = zone;
        Recipients = recipients;
        _expression = new CronExpression(cron, zone);
    }

    public string Report { get; }

    public string Cron { get; }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The first fire strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => _expression.GetNextValidTimeAfter(instant);

    /// <summary>The latest fire at or before <paramref name="instant"/> (for catch-up).</summary>
    public DateTimeOffset? LastAtOrBefore(DateTimeOffset instant) => _expression.GetPreviousValidTimeBefore(instant.AddTicks(1));

    /// <summary>The report's period end for a fire: the fire's local date (Monday's run covers the week before it).</summary>
    public DateOnly PeriodEndFor(DateTimeOffset fire) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, Zone).DateTime);
}
