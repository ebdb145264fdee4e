using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// Hands ScottPlot the report's DejaVu Sans for <see cref="ReportFonts.Family"/>. ScottPlot only measures tick labels
/// with it, to size the axes: <see cref="ChartPanelBlock"/> draws the labels itself, so no ScottPlot typeface reaches the PDF.
/// </summary>
internal sealed class ChartFontResolver(ReportFonts fonts) : IFontResolver
{
    private static readonly Lock InstallLock = new();
    private static bool installed;

    public static void Use(ReportFonts fonts)
    {
        lock (InstallLock)
        {
            if (!installed)
            {
                ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFontResolver(fonts));
                installed = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == ReportFonts.Family ? (weight >= FontWeight.SemiBold ? fonts.Bold : fonts.Regular).Typeface : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == ReportFonts.Family ? (bold ? fonts.Bold : fonts.Regular).Typeface : null;
}
