using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>The paper a report is printed on.</summary>
public enum PaperSize { A4, Letter }

public static class PaperSizes
{
    /// <summary>The page size in PDF points: A4 is 595 × 842, Letter 612 × 792.</summary>
    public static SKSize Points(this PaperSize paper) => paper switch
    {
        PaperSize.A4 => new SKSize(595.28f, 841.89f),
        PaperSize.Letter => new SKSize(612, 792),
        _ => throw new ArgumentOutOfRangeException(nameof(paper), paper, null),
    };
}
