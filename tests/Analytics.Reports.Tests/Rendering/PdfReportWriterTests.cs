using Microsoft.Extensions.Logging;

namespace Analytics.Reports.Tests.Rendering;

public sealed class PdfReportWriterTests
{
    [Fact]
    public void A_character_no_report_font_has_is_logged_and_the_rest_of_the_text_is_printed()
    {
        var logger = new ListLogger();
        var document = new ReportDocument("Fonts", "Fonts", "Acme", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), PaperSize.A4, "",
            [new CoverBlock("Acme", "北京星辰 ขอบคุณ", "23 – 29 Nov 2026", "株式会社さくら")]);

        var pdf = PdfReportWriter.Write(document, ReportFonts.Load(), logger);

        using var read = PdfDocument.Open(pdf);
        var text = PdfInspection.Text(read.GetPage(1));
        Assert.Contains("北京星辰", text, StringComparison.Ordinal);
        Assert.Contains("株式会社さくら", text, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Lines);
        Assert.Equal("Warning: Fonts has characters no report font has, printed as empty boxes: U+0E02 U+0E04 U+0E13 U+0E1A U+0E2D U+0E38", warning);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
