using Analytics.Reports.Delivery;
using Analytics.Reports.Runs;

namespace Analytics.Reports;

/// <summary>
/// A PDF report made by an <see cref="IReportRenderer"/>: the PDF is the run's file, mailed to the configured recipients
/// with a short HTML table of its headline figures.
/// </summary>
public sealed class PdfReport(IReportRenderer renderer) : IReport
{
    public string Name => renderer.Report;

    public bool ToConfiguredRecipients => true;

    public DefaultSchedule? DefaultSchedule => null;

    public ReportPeriod PeriodEndingAt(DateOnly periodEnd) => renderer.PeriodEndingAt(periodEnd);

    public DateOnly DefaultPeriodEnd(DateOnly today) => LastCompleteWeekEnd(today);

    /// <summary>The end of the last complete Monday-to-Monday week: the latest Monday on or before <paramref name="today"/>.</summary>
    public static DateOnly LastCompleteWeekEnd(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

    public async Task<ReportOutput> ProduceAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var rendered = await renderer.RenderAsync(context.Period, cancellationToken);
        var (start, last) = (context.Period.Start, context.Period.End.AddDays(-1));
        var file = new ReportFile($"{Name}-{start:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.pdf", "application/pdf", rendered.Pdf);
        var lead = $"{rendered.Title}, {start:yyyy-MM-dd} to {last:yyyy-MM-dd}. The full report is attached ({file.FileName}).";
        var rows = rendered.Highlights.Select(h => (IReadOnlyList<string?>)[h.Label, h.Value, h.Change]).ToList();
        var html = OutgoingMessage.HtmlTable(rendered.Title, lead, ["Figure", "Value", "Change"], rows);
        var text = lead + "\n\n" + string.Join("\n", rendered.Highlights.Select(h => $"{h.Label}: {h.Value}{(h.Change is null ? "" : $" ({h.Change})")}"));
        var message = new OutgoingMessage(context.Recipients, $"{rendered.Title}: {start:yyyy-MM-dd} to {last:yyyy-MM-dd}", html, text, file,
            $"{Name}-{start:yyyy-MM-dd}-{context.RunId[..8]}");
        return new ReportOutput(file, [message]);
    }
}
