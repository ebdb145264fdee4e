using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>A rectangle of a report page: it says how tall it is at a given width, then draws itself there.</summary>
public abstract class ReportBlock
{
    /// <summary>Columns of the page's 12-column grid the block spans.</summary>
    public int Columns { get; init; } = 12;

    /// <summary>Whether the block starts a new page.</summary>
    public bool PageBreakBefore { get; init; }

    public abstract float Measure(ReportPainter painter, float width);

    public abstract void Draw(ReportPainter painter, SKRect bounds);
}
