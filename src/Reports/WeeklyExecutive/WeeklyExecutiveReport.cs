using System.Diagnostics;
using System.Globalization;
using Analytics.Reports.Dashboards;
using Analytics.Reports.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.WeeklyExecutive;

/// <summary>
/// The weekly executive PDF: the <c>executive</c> dashboard's panels over the seven days before the period's end, each
/// query run in-process through GraphQL (so the PDF prints the figures the dashboard shows), laid out on A4 or Letter.
/// </summary>
public sealed partial class WeeklyExecutiveReport(
    IDashboardQueryRunner runner,
    Func<DashboardDefinition> dashboard,
    IOptions<ReportRenderingOptions> options,
    TimeProvider clock,
    ILogger<WeeklyExecutiveReport> logger) : IReportRenderer
{
    public const string Name = "weekly-executive";
    private const string Title = "Weekly executive report";

    private readonly Lazy<ReportFonts> fonts = new(() =>
    {
        var loaded = ReportFonts.Load(options.Value.FontFolder, options.Value.CjkFontFolder);
        if (loaded.Cjk is null)
        {
            LogNoCjkFont(logger, loaded.CjkSearched);
        }

        return loaded;
    });

    public string Report => Name;

    public ReportPeriod PeriodEndingAt(DateOnly periodEnd) => new(periodEnd.AddDays(-7), periodEnd);

    public async Task<RenderedReport> RenderAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var settings = options.Value;
        var definition = dashboard();
        var variables = DashboardVariables.For(period.Start, period.End, settings.TargetList);
        // The panels' queries are independent: run at once, they overlap the engine's work (it has several connections).
        var panels = await Task.WhenAll(definition.Panels.Select(async panel =>
        {
            var started = Stopwatch.GetTimestamp();
            var data = await runner.RunAsync(panel, variables, cancellationToken);
            LogPanel(logger, panel.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new PanelData(panel, data);
        }));

        var queried = watch.Elapsed;
        var blocks = new List<ReportBlock> { new CoverBlock(settings.Company, Title, Describe(period), definition.Description ?? "") };
        var panelBlocks = panels.Select(p => PanelBlocks.For(p, settings.CurrencySymbol)).ToList();
        blocks.AddRange(panelBlocks);
        var document = new ReportDocument(
            $"{Title}, {Describe(period)}", $"{definition.Title}: {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd} (exclusive)",
            settings.Company, clock.GetUtcNow(), settings.PaperSize, Describe(period), blocks);
        var pdf = PdfReportWriter.Write(document, fonts.Value, logger);
        LogRendered(logger, Name, period.Start, period.End, pdf.Length, queried.TotalMilliseconds, watch.Elapsed.TotalMilliseconds);

        var highlights = panelBlocks.OfType<KpiPanelBlock>().SelectMany(k => k.Tiles)
            .Select(t => new ReportHighlight(t.Title, t.Margin is null ? t.Value : $"{t.Value} {t.Margin}", t.Change))
            .ToList();
        // The period is not in this title: deliveries add it in their own form (the subject, the summary).
        return new RenderedReport(pdf, Title, highlights);
    }

    /// <summary>"23 – 29 Nov 2026": the first and the last day of the period (its end is exclusive).</summary>
    public static string Describe(ReportPeriod period)
    {
        var first = period.Start;
        var last = period.End.AddDays(-1);
        var culture = CultureInfo.InvariantCulture;
        return first.Year != last.Year ? $"{first.ToString("d MMM yyyy", culture)} – {last.ToString("d MMM yyyy", culture)}"
            : first.Month != last.Month ? $"{first.ToString("d MMM", culture)} – {last.ToString("d MMM yyyy", culture)}"
            : $"{first.Day} – {last.ToString("d MMM yyyy", culture)}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Noto Sans CJK was not found in {Folders}: a report with Chinese, Japanese or Korean text will fail until Debian's fonts-noto-cjk is installed or Reports:CjkFontFolder is set")]
    private static partial void LogNoCjkFont(ILogger logger, string folders);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Panel {Panel} queried in {Ms:0} ms")]
    private static partial void LogPanel(ILogger logger, string panel, double ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {Report} for {PeriodStart} to {PeriodEnd}: {Bytes} bytes, queries {QueryMs:0} ms, total {TotalMs:0} ms")]
    private static partial void LogRendered(ILogger logger, string report, DateOnly periodStart, DateOnly periodEnd, int bytes, double queryMs, double totalMs);
}
