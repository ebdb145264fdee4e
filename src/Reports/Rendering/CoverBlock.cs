using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>The top of the first page: the company, the report's title and the period it covers.</summary>
public sealed class CoverBlock(string company, string title, string period, string note) : ReportBlock
{
    public override float Measure(ReportPainter painter, float width) => 92;

    public override void Draw(ReportPainter painter, SKRect bounds)
    {
        painter.Fill(new SKRect(bounds.Left, bounds.Top, bounds.Left + 36, bounds.Top + 3), ReportTheme.Accent);
        painter.Text(company.ToUpperInvariant(), bounds.Left, bounds.Top + 20, 9, ReportTheme.Accent, bold: true);
        painter.Text(title, bounds.Left, bounds.Top + 46, 22, ReportTheme.Ink, bold: true);
        painter.Text(period, bounds.Left, bounds.Top + 66, 11, ReportTheme.Muted);
        painter.Text(note, bounds.Left, bounds.Top + 81, ReportTheme.SmallSize, ReportTheme.Faint);
        painter.Line(bounds.Left, bounds.Bottom - 1, bounds.Right, bounds.Bottom - 1, ReportTheme.Rule);
    }
}
