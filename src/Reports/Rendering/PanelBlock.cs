using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>A panel on the page: its title (and description) above the content its kind draws.</summary>
public abstract class PanelBlock(PanelData data) : ReportBlock
{
    private const float TitleBand = 18;
    private const float DescriptionBand = 11;

    public PanelData Data { get; } = data;

    private float HeadHeight => TitleBand + (string.IsNullOrWhiteSpace(Data.Panel.Description) ? 0 : DescriptionBand) + 6;

    public override float Measure(ReportPainter painter, float width) => HeadHeight + MeasureContent(painter, width);

    public override void Draw(ReportPainter painter, SKRect bounds)
    {
        var y = bounds.Top + ReportTheme.TitleSize;
        painter.Text(painter.Fit(Data.Panel.Title, bounds.Width, ReportTheme.TitleSize, bold: true), bounds.Left, y, ReportTheme.TitleSize, ReportTheme.Ink, bold: true);
        if (!string.IsNullOrWhiteSpace(Data.Panel.Description))
        {
            y += DescriptionBand;
            painter.Text(painter.Fit(Data.Panel.Description, bounds.Width, ReportTheme.SmallSize), bounds.Left, y, ReportTheme.SmallSize, ReportTheme.Muted);
        }

        painter.Line(bounds.Left, y + 5, bounds.Right, y + 5, ReportTheme.Rule);
        var content = new SKRect(bounds.Left, bounds.Top + HeadHeight, bounds.Right, bounds.Bottom);
        if (IsEmpty)
        {
            painter.Text("No data for this period.", content.Left, content.Top + 14, ReportTheme.BodySize, ReportTheme.Faint);
            return;
        }

        DrawContent(painter, content);
    }

    /// <summary>Whether there is nothing to draw (no rows); the panel then says so instead.</summary>
    protected virtual bool IsEmpty => Data.Rows().Count == 0;

    protected abstract float MeasureContent(ReportPainter painter, float width);

    protected abstract void DrawContent(ReportPainter painter, SKRect bounds);
}
