using System.Text.RegularExpressions;
using Analytics.Reports.Rendering.Fonts;
using Analytics.Reports.WeeklyExecutive;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using static Analytics.Reports.Tests.Rendering.CjkReportHost;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>
/// The weekly executive PDF of a company whose customers write Chinese, Japanese and Korean, read back with PdfPig and
/// with poppler's pdftotext: names, owners, a segment (a chart label too) and a comment come out as written, and every
/// font in the PDF holds only what the report draws. Its pages are rendered to PNG under TestResults/report-pages.
/// </summary>
public sealed class CjkReportTests(CjkReportHost host, ITestOutputHelper output) : IClassFixture<CjkReportHost>
{
    private static readonly DateOnly PeriodEnd = new(2026, 11, 30);

    private IReportRenderer Registered => host.Services.GetServices<IReportRenderer>().Single(r => r.Report == "weekly-executive");

    [Fact]
    public async Task Chinese_Japanese_and_Korean_names_and_a_Chinese_comment_read_back_as_written()
    {
        var rendered = await Registered.RenderAsync(Registered.PeriodEndingAt(PeriodEnd), CancellationToken.None);

        using var pdf = PdfDocument.Open(rendered.Pdf);
        var words = string.Join("\n", pdf.GetPages().Select(PdfInspection.Text));
        var poppler = await PdfInspection.PopplerTextAsync(rendered.Pdf);
        var folder = Path.Combine(PdfInspection.ProjectFolder(), "TestResults", "report-pages");
        var pngs = await PdfInspection.ToPngAsync(rendered.Pdf, folder, "weekly-executive-cjk");
        await File.WriteAllTextAsync(Path.Combine(folder, "weekly-executive-cjk-words.txt"), words);
        output.WriteLine($"{rendered.Pdf.Length:N0} bytes; pages: {string.Join(", ", pngs.Select(Path.GetFileName))}");

        // Each on one line of a table cell or a chart label: read back whole by both readers.
        string[] lines = [ChineseAccount, ChineseOwner, ChineseSegment, JapaneseAccount, JapaneseOwner, KoreanAccount, KoreanOwner, LatinAccount];
        Assert.All(lines, line => Assert.Contains(line, words, StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Contains(line, poppler, StringComparison.Ordinal));

        // The comments wrap in their column, the Chinese one between characters (no space marks the break).
        var comments = PdfInspection.Column(pdf.GetPages().Single(p => PdfInspection.Text(p).Contains("What detractors said", StringComparison.Ordinal)), "Comment");
        Assert.True(comments.Count == 3 && comments[0].Length < ChineseComment.Length, string.Join("\n", comments));
        Assert.Equal([ChineseComment, LatinComment], [string.Concat(comments.Take(2)), comments[2]]);
    }

    [Fact]
    public async Task Every_font_in_the_pdf_holds_only_the_characters_the_report_draws()
    {
        var rendered = await Registered.RenderAsync(Registered.PeriodEndingAt(PeriodEnd), CancellationToken.None);

        using var pdf = PdfDocument.Open(rendered.Pdf);
        var fonts = pdf.GetPages().SelectMany(p => PdfInspection.Fonts(pdf, p)).Distinct().ToList();
        output.WriteLine($"{rendered.Pdf.Length:N0} bytes; fonts: {string.Join("; ", fonts)}");
        var whole = ReportFonts.Load();

        // DejaVu Sans, regular and bold: TrueType programs with a few of the faces' thousands of glyphs.
        var trueType = fonts.Where(f => f.Subtype == "Type0").ToList();
        Assert.Equal(["DejaVuSans", "DejaVuSans-Bold"], trueType.Select(f => f.Name[(f.Name.IndexOf('+') + 1)..]).Order(StringComparer.Ordinal));
        Assert.All(trueType, f => Assert.True(f.Embedded && f.Glyphs * 10 < whole.Regular.Typeface.GlyphCount, $"{f} of {whole.Regular.Typeface.GlyphCount} glyphs"));

        // Noto Sans CJK is OpenType/CFF, which SkiaSharp writes as a Type 3 font of glyph drawings, one per glyph of
        // the face it is given: here one font per language's face, holding the .notdef glyph and one glyph per
        // character drawn with that face, and nothing else.
        var type3 = fonts.Where(f => f.Subtype == "Type3").ToList();
        var drawn = CjkStrings.GroupBy(CjkScript.LanguageOf).Select(language => language
            .SelectMany(s => s.EnumerateRunes()).Where(r => !whole.Regular.Has(r)).Distinct().Count() + 1);
        Assert.Equal(drawn.Order(), type3.Select(f => f.Glyphs).Order());
        Assert.Equal(fonts.Count, trueType.Count + type3.Count);
    }

    [Fact]
    public async Task Without_Noto_Sans_CJK_a_report_with_Chinese_text_fails_saying_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("no-cjk-fonts-").FullName;
        var renderer = new WeeklyExecutiveReport(
            host.Services.GetRequiredService<IDashboardQueryRunner>(), () => ExecutiveDashboard.From(host.Services.GetRequiredService<DashboardCatalogHolder>()),
            Options.Create(new ReportRenderingOptions { CjkFontFolder = empty }), TimeProvider.System, NullLogger<WeeklyExecutiveReport>.Instance);

        var error = await Assert.ThrowsAsync<ReportFontException>(() => renderer.RenderAsync(renderer.PeriodEndingAt(PeriodEnd), CancellationToken.None));

        Assert.Matches(
            $"^The report has Chinese, Japanese or Korean text \\('.', U\\+[0-9A-F]{{4}}\\) but NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc " +
            $"were not found in {Regex.Escape(empty)}; install Debian's fonts-noto-cjk \\(scripts/setup.sh does\\) or set Reports:CjkFontFolder to a folder holding them.$",
            error.Message);
    }

}
