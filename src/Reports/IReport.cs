using Analytics.Reports.Delivery;
using Analytics.Reports.Runs;

namespace Analytics.Reports;

/// <summary>
/// A report as the runner makes it: for a period, what it produces (a file to keep, messages to send) and to whom.
/// The weekly executive PDF (<see cref="PdfReport"/> around an <see cref="IReportRenderer"/>) and the surge digest are two;
/// the runner, the schedules and the catch-up treat every report alike.
/// </summary>
public interface IReport
{
    /// <summary>The report's name, as runReport, reportRuns and <c>Reports:Schedules:NAME</c> spell it.</summary>
    string Name { get; }

    /// <summary>Whether it goes to the configured recipients (<c>Reports:Recipients</c> or its schedule's); else it addresses its own messages.</summary>
    bool ToConfiguredRecipients { get; }

    /// <summary>Its schedule when <c>Reports:Schedules:NAME</c> gives none; null for none.</summary>
    DefaultSchedule? DefaultSchedule { get; }

    /// <summary>The period a run ending at <paramref name="periodEnd"/> covers.</summary>
    ReportPeriod PeriodEndingAt(DateOnly periodEnd);

    /// <summary>The period end of a run asked for without one, <paramref name="today"/> being the date in the report's zone.</summary>
    DateOnly DefaultPeriodEnd(DateOnly today);

    /// <summary>Makes the run's file and messages. Called once per run, whatever the delivery attempts.</summary>
    Task<ReportOutput> ProduceAsync(ReportContext context, CancellationToken cancellationToken);
}

/// <summary>A report's own schedule: a Quartz cron in a time zone (null: <c>Reports:TimeZone</c>), and the setting that sets it, for messages.</summary>
public sealed record DefaultSchedule(string Cron, string? TimeZone, string Setting);

/// <summary>What a run is for: its id, its period and the configured recipients (empty for a report that addresses its own).</summary>
public sealed record ReportContext(string RunId, string Report, ReportPeriod Period, IReadOnlyList<string> Recipients);

/// <summary>
/// What a run produced: a file to keep with the run (downloadable, the same bytes as mailed), the messages to send (each
/// sent once per run, whatever the attempts; their names must differ), and what the run's note says when there are none.
/// </summary>
public sealed record ReportOutput(ReportFile? File, IReadOnlyList<OutgoingMessage> Messages, string NothingToSend = "Nothing to send.");
