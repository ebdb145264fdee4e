namespace Analytics.Reports;

/// <summary>The days a report covers: [Start, End), End exclusive (a weekly report ending Monday covers Monday to Sunday).</summary>
public sealed record ReportPeriod(DateOnly Start, DateOnly End);

/// <summary>A headline figure of a rendered report, repeated in the delivery's HTML summary.</summary>
public sealed record ReportHighlight(string Label, string Value, string? Change);

/// <summary>A rendered report: the PDF's bytes, its title and the headline figures for the message body.</summary>
public sealed record RenderedReport(byte[] Pdf, string Title, IReadOnlyList<ReportHighlight> Highlights);

/// <summary>Renders one named report (for example <c>weekly-executive</c>) for a period.</summary>
public interface IReportRenderer
{
    /// <summary>The report's name, as runReport and reportRuns spell it.</summary>
    string Report { get; }

    /// <summary>The period a run ending at <paramref name="periodEnd"/> covers (weekly-executive: the seven days before).</summary>
    ReportPeriod PeriodEndingAt(DateOnly periodEnd);

    Task<RenderedReport> RenderAsync(ReportPeriod period, CancellationToken cancellationToken);
}
