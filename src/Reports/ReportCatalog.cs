using Analytics.Reports.Alerts;
using Analytics.Reports.Scheduling;
using Microsoft.Extensions.Options;

namespace Analytics.Reports;

/// <summary>
/// The reports this server knows: those with a renderer (from DI, by <see cref="IReportRenderer.Report"/>), those with a
/// schedule, and the surge digest. A scheduled report without a renderer is known, but each of its runs fails with a
/// clear error: the server still starts (the other reports and the API stay up).
/// </summary>
public sealed class ReportCatalog
{
    private readonly IEnumerable<IReportRenderer> _registered;
    private readonly ReportOptions _options;
    private readonly Lazy<State> _state;

    public ReportCatalog(IEnumerable<IReportRenderer> renderers, IOptions<ReportOptions> options)
    {
        _registered = renderers;
        _options = options.Value;
        // Built on first use, so a bad setting surfaces where the scheduler starts (as a configuration error), not in a constructor.
        _state = new Lazy<State>(Build);
    }

    private sealed record State(Dictionary<string, IReportRenderer> Renderers, TimeZoneInfo DefaultZone, IReadOnlyList<ReportSchedule> Schedules, ReportSchedule? Surge);

    /// <summary>The time zone of <c>Reports:TimeZone</c>.</summary>
    public TimeZoneInfo DefaultZone => _state.Value.DefaultZone;

    /// <summary>The configured report schedules (the surge digest's apart).</summary>
    public IReadOnlyList<ReportSchedule> Schedules => _state.Value.Schedules;

    /// <summary>The surge digest's schedule; null when no owner is configured.</summary>
    public ReportSchedule? SurgeSchedule => _state.Value.Surge;

    /// <summary>Every schedule, the surge digest's included.</summary>
    public IEnumerable<ReportSchedule> AllSchedules => SurgeSchedule is null ? Schedules : Schedules.Append(SurgeSchedule);

    /// <summary>Checks the renderers and every schedule; throws <see cref="ReportConfigurationException"/> naming the bad setting.</summary>
    public void Validate() => _ = _state.Value;

    /// <summary>Whether runReport may name this report.</summary>
    public bool IsKnown(string report) =>
        _state.Value.Renderers.ContainsKey(report) || _options.Schedules.ContainsKey(report) || report == SurgeDigest.Report;

    public IEnumerable<string> Known => _state.Value.Renderers.Keys.Concat(_options.Schedules.Keys).Append(SurgeDigest.Report).Distinct().Order();

    public IReportRenderer? RendererOf(string report) => _state.Value.Renderers.GetValueOrDefault(report);

    /// <summary>The report's time zone: its schedule's, else <c>Reports:TimeZone</c>.</summary>
    public TimeZoneInfo ZoneOf(string report) =>
        report == SurgeDigest.Report ? (_options.Surge.TimeZone is { } surgeZone ? Zone("Reports:Surge:TimeZone", surgeZone) : DefaultZone)
        : _options.Schedules.TryGetValue(report, out var s) && s.TimeZone is { } zone ? Zone($"Reports:Schedules:{report}:TimeZone", zone)
        : DefaultZone;

    /// <summary>The report's recipients: its schedule's, else <c>Reports:Recipients</c>.</summary>
    public IReadOnlyList<string> RecipientsOf(string report) =>
        _options.Schedules.TryGetValue(report, out var s) && s.Recipients is { Count: > 0 } list ? list : _options.Recipients;

    /// <summary>The period a run ending at <paramref name="periodEnd"/> covers: the renderer's; seven days for a report without one.</summary>
    public ReportPeriod PeriodOf(string report, DateOnly periodEnd) =>
        RendererOf(report)?.PeriodEndingAt(periodEnd) ?? new ReportPeriod(periodEnd.AddDays(-7), periodEnd);

    /// <summary>
    /// The default period end of runReport: the last complete Monday-to-Monday week in the report's zone, that is the
    /// latest Monday on or before today there.
    /// </summary>
    public DateOnly DefaultPeriodEnd(string report, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ZoneOf(report)).DateTime);
        if (report == SurgeDigest.Report)
        {
            return today;
        }

        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
    }

    private State Build()
    {
        var renderers = new Dictionary<string, IReportRenderer>(StringComparer.Ordinal);
        foreach (var renderer in _registered)
        {
            if (!renderers.TryAdd(renderer.Report, renderer))
            {
                throw new ReportConfigurationException($"Two renderers are registered for report '{renderer.Report}'.");
            }
        }

        var defaultZone = Zone("Reports:TimeZone", _options.TimeZone);
        var schedules = _options.Schedules
            .Where(s => !string.IsNullOrWhiteSpace(s.Value.Cron))
            .Select(s => new ReportSchedule(s.Key, s.Value.Cron!,
                s.Value.TimeZone is { } zone ? Zone($"Reports:Schedules:{s.Key}:TimeZone", zone) : defaultZone, RecipientsOf(s.Key)))
            .ToList();
        var surge = _options.Surge.Owners.Count == 0
            ? null
            : new ReportSchedule(SurgeDigest.Report, _options.Surge.Cron,
                _options.Surge.TimeZone is { } surgeZone ? Zone("Reports:Surge:TimeZone", surgeZone) : defaultZone, []);
        return new State(renderers, defaultZone, schedules, surge);
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
