using Quartz;

namespace Analytics.Reports.Scheduling;

/// <summary>
/// When a report runs: a Quartz cron expression read in an IANA time zone, so Monday 08:00 stays Monday 08:00 local
/// across daylight-saving changes (the UTC instant moves instead).
/// </summary>
public sealed class ReportSchedule
{
    private readonly CronExpression _expression;

    /// <param name="report">The report it runs.</param>
    /// <param name="cron">A Quartz cron expression, seconds first.</param>
    /// <param name="setting">The configuration section that set it (<c>Reports:Schedules:NAME</c>), for the message when it is wrong.</param>
    /// <param name="zone">The time zone the expression is read in.</param>
    public ReportSchedule(string report, string cron, string setting, TimeZoneInfo zone)
    {
        if (!CronExpression.TryParse(cron, out _))
        {
            throw new ReportConfigurationException($"{setting}:Cron: '{cron}' is not a Quartz cron expression (seconds first, e.g. '0 0 8 ? * MON').");
        }

        Report = report;
        Cron = cron;
        Zone = zone;
        _expression = new CronExpression(cron, zone);
    }

    public string Report { get; }

    public string Cron { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first fire strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => _expression.GetNextValidTimeAfter(instant);

    /// <summary>The latest fire at or before <paramref name="instant"/> (for catch-up).</summary>
    public DateTimeOffset? LastAtOrBefore(DateTimeOffset instant) => _expression.GetPreviousValidTimeBefore(instant.AddTicks(1));

    /// <summary>The report's period end for a fire: the fire's local date (Monday's run covers the week before it).</summary>
    public DateOnly PeriodEndFor(DateTimeOffset fire) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, Zone).DateTime);
}
