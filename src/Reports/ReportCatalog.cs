using Analytics.Reports.Scheduling;
using Microsoft.Extensions.Options;

namespace Analytics.Reports;

/// <summary>
/// The reports this server knows: those registered (<see cref="IReport"/>, and each PDF <see cref="IReportRenderer"/> as a
/// <see cref="PdfReport"/>) and those with a schedule. A scheduled report that none makes is known, but each of its runs
/// fails with a clear error: the server still starts (the other reports and the API stay up).
/// </summary>
public sealed class ReportCatalog
{
    private readonly IEnumerable<IReport> _reports;
    private readonly IEnumerable<IReportRenderer> _renderers;
    private readonly ReportOptions _options;
    private readonly Lazy<State> _state;

    public ReportCatalog(IEnumerable<IReport> reports, IEnumerable<IReportRenderer> renderers, IOptions<ReportOptions> options)
    {
        _reports = reports;
        _renderers = renderers;
        _options = options.Value;
        // Built on first use, so a bad setting surfaces where the scheduler starts (as a configuration error), not in a constructor.
        _state = new Lazy<State>(Build);
    }

    private sealed record State(Dictionary<string, IReport> Reports, TimeZoneInfo DefaultZone, IReadOnlyList<ReportSchedule> Schedules);

    /// <summary>The time zone of <c>Reports:TimeZone</c>.</summary>
    public TimeZoneInfo DefaultZone => _state.Value.DefaultZone;

    /// <summary>Every schedule: the configured ones (<c>Reports:Schedules</c>), and the reports' own where none is configured.</summary>
    public IReadOnlyList<ReportSchedule> Schedules => _state.Value.Schedules;

    /// <summary>The reports this server can make, by name.</summary>
    public IEnumerable<IReport> Reports => _state.Value.Reports.Values.OrderBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>Checks the reports and every schedule; throws <see cref="ReportConfigurationException"/> naming the bad setting.</summary>
    public void Validate() => _ = _state.Value;

    /// <summary>Whether runReport may name this report.</summary>
    public bool IsKnown(string report) => _state.Value.Reports.ContainsKey(report) || _options.Schedules.ContainsKey(report);

    public IEnumerable<string> Known => _state.Value.Reports.Keys.Concat(_options.Schedules.Keys).Distinct().Order(StringComparer.Ordinal);

    public IReport? ReportOf(string report) => _state.Value.Reports.GetValueOrDefault(report);

    /// <summary>The report's time zone: its configured schedule's, else its own schedule's, else <c>Reports:TimeZone</c>.</summary>
    public TimeZoneInfo ZoneOf(string report) =>
        _options.Schedules.TryGetValue(report, out var s) && s.TimeZone is { } zone ? Zone($"Reports:Schedules:{report}:TimeZone", zone)
        : ReportOf(report)?.DefaultSchedule is { TimeZone: { } own } schedule ? Zone($"{schedule.Setting}:TimeZone", own)
        : DefaultZone;

    /// <summary>
    /// The report's recipients: its schedule's, else <c>Reports:Recipients</c>; none for a report that addresses its own
    /// messages (the surge digest's go to the owners).
    /// </summary>
    public IReadOnlyList<string> RecipientsOf(string report) =>
        ReportOf(report) is { ToConfiguredRecipients: false } ? []
        : _options.Schedules.TryGetValue(report, out var s) && s.Recipients is { Count: > 0 } list ? list
        : _options.Recipients;

    /// <summary>The period a run ending at <paramref name="periodEnd"/> covers: the report's; seven days for a report none makes.</summary>
    public ReportPeriod PeriodOf(string report, DateOnly periodEnd) =>
        ReportOf(report)?.PeriodEndingAt(periodEnd) ?? new ReportPeriod(periodEnd.AddDays(-7), periodEnd);

    /// <summary>
    /// The default period end of runReport, from today in the report's zone: the report's own rule, else the last complete
    /// Monday-to-Monday week.
    /// </summary>
    public DateOnly DefaultPeriodEnd(string report, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ZoneOf(report)).DateTime);
        return ReportOf(report)?.DefaultPeriodEnd(today) ?? PdfReport.LastCompleteWeekEnd(today);
    }

    private State Build()
    {
        var reports = new Dictionary<string, IReport>(StringComparer.Ordinal);
        foreach (var report in _reports.Concat(_renderers.Select(r => new PdfReport(r))))
        {
            if (!reports.TryAdd(report.Name, report))
            {
                throw new ReportConfigurationException($"Two reports are registered as '{report.Name}'.");
            }
        }

        var defaultZone = Zone("Reports:TimeZone", _options.TimeZone);
        var configured = _options.Schedules
            .Where(s => !string.IsNullOrWhiteSpace(s.Value.Cron))
            .Select(s => new ReportSchedule(s.Key, s.Value.Cron!, $"Reports:Schedules:{s.Key}",
                s.Value.TimeZone is { } zone ? Zone($"Reports:Schedules:{s.Key}:TimeZone", zone) : defaultZone));
        var own = reports.Values
            .Where(r => !_options.Schedules.ContainsKey(r.Name))
            .Select(r => (r.Name, Schedule: r.DefaultSchedule))
            .Where(r => r.Schedule is not null)
            .Select(r => new ReportSchedule(r.Name, r.Schedule!.Cron, r.Schedule.Setting,
                r.Schedule.TimeZone is { } zone ? Zone($"{r.Schedule.Setting}:TimeZone", zone) : defaultZone));
        return new State(reports, defaultZone, [.. configured.Concat(own)]);
    }

    private static TimeZoneInfo Zone(string setting, string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ReportConfigurationException($"{setting}: '{id}' is not a known IANA time zone (for example Europe/Berlin).");
        }
    }
}
