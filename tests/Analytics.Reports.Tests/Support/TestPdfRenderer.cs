using SkiaSharp;

namespace Analytics.Reports.Tests.Support;

/// <summary>
/// A small but real PDF renderer for these tests only (production registers the real one): one A4 page with the
/// report's name and period, made with SkiaSharp's PDF backend, and one highlight.
/// </summary>
internal sealed class TestPdfRenderer(string report = "weekly-executive") : IReportRenderer
{
    private int _renders;

    public string Report { get; } = report;

    /// <summary>How many times a PDF was rendered.</summary>
    public int Renders => _renders;

    public ReportPeriod PeriodEndingAt(DateOnly periodEnd) => new(periodEnd.AddDays(-7), periodEnd);

    public Task<RenderedReport> RenderAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renders);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(595, 842);
            using var font = new SKFont(SKTypeface.Default, 18);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText($"{Report}: {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}", 50, 80, SKTextAlign.Left, font, paint);
            document.EndPage();
            document.Close();
        }

        return Task.FromResult(new RenderedReport(stream.ToArray(), "Weekly executive report",
            [new ReportHighlight("Engaged accounts", "12", "+3 on the week before")]));
    }
}
