using System.Globalization;
using Analytics.Reports.Rendering.Fonts;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>What a PDF report holds: its metadata, the running header's text and its blocks in reading order.</summary>
public sealed record ReportDocument(
    string Title,
    string Subject,
    string Company,
    DateTimeOffset Created,
    PaperSize Paper,
    string Header,
    IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// Writes a report with SkiaSharp's PDF backend: blocks laid out on the page grid first, so every page's footer can say
/// "Page n of m"; then a dry run of every page notes the characters each font face draws, and the PDF is drawn with
/// each face cut down to those (<see cref="RenderFonts"/>), so it embeds only the glyphs it shows. Text stays text.
/// </summary>
public static partial class PdfReportWriter
{
    private const float HeaderHeight = 26;
    private const float FooterHeight = 26;

    public static byte[] Write(ReportDocument document, ReportFonts fonts, ILogger logger)
    {
        var size = document.Paper.Points();
        var body = new SKRect(ReportTheme.Margin, ReportTheme.Margin + HeaderHeight, size.Width - ReportTheme.Margin, size.Height - ReportTheme.Margin - FooterHeight);

        using var renderFonts = new RenderFonts(fonts);
        using var dryRun = new SKNoDrawCanvas((int)Math.Ceiling(size.Width), (int)Math.Ceiling(size.Height));
        var dryPainter = new ReportPainter(dryRun, renderFonts);
        var pages = ReportLayout.Paginate(dryPainter, document.Blocks, body);
        for (var i = 0; i < pages.Count; i++)
        {
            DrawPage(dryPainter, document, size, pages, i);
        }

        renderFonts.Subset();
        if (renderFonts.Missing.Count > 0)
        {
            LogMissingGlyphs(logger, document.Title, string.Join(" ", renderFonts.Missing.Select(c => $"U+{c:X4}")));
        }

        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Title,
            Subject = document.Subject,
            Author = document.Company,
            Creator = "Analytics weekly reports",
            Producer = "SkiaSharp",
            Creation = document.Created.UtcDateTime,
            Modified = document.Created.UtcDateTime,
            RasterDpi = 300,
        };
        using (var pdf = SKDocument.CreatePdf(stream, metadata) ?? throw new InvalidOperationException("SkiaSharp has no PDF backend on this platform."))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                DrawPage(new ReportPainter(pdf.BeginPage(size.Width, size.Height), renderFonts), document, size, pages, i);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return stream.ToArray();
    }

    private static void DrawPage(ReportPainter painter, ReportDocument document, SKSize size, IReadOnlyList<IReadOnlyList<PlacedBlock>> pages, int index)
    {
        if (index > 0)
        {
            DrawHeader(painter, document, size);
        }

        foreach (var placed in pages[index])
        {
            placed.Block.Draw(painter, placed.Bounds);
        }

        DrawFooter(painter, document, size, index + 1, pages.Count);
    }

    private static void DrawHeader(ReportPainter painter, ReportDocument document, SKSize size)
    {
        var y = ReportTheme.Margin + 8;
        painter.Text(document.Company, ReportTheme.Margin, y, ReportTheme.SmallSize, ReportTheme.Accent, bold: true);
        painter.Text(document.Header, size.Width - ReportTheme.Margin, y, ReportTheme.SmallSize, ReportTheme.Muted, align: SKTextAlign.Right);
        painter.Line(ReportTheme.Margin, y + 6, size.Width - ReportTheme.Margin, y + 6, ReportTheme.Rule);
    }

    private static void DrawFooter(ReportPainter painter, ReportDocument document, SKSize size, int page, int pages)
    {
        var y = size.Height - ReportTheme.Margin;
        painter.Line(ReportTheme.Margin, y - 12, size.Width - ReportTheme.Margin, y - 12, ReportTheme.Rule);
        var created = document.Created.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        painter.Text($"{document.Title} · generated {created}", ReportTheme.Margin, y, ReportTheme.SmallSize, ReportTheme.Faint);
        painter.Text($"Page {page} of {pages}", size.Width - ReportTheme.Margin, y, ReportTheme.SmallSize, ReportTheme.Muted, align: SKTextAlign.Right);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Report} has characters no report font has, printed as empty boxes: {Characters}")]
    private static partial void LogMissingGlyphs(ILogger logger, string report, string characters);
}
