using Analytics.Reports.WeeklyExecutive;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>The weekly PDF reports the closed loop of the week's detractors with the figures closedLoop returns, read back from the PDF.</summary>
public sealed class WeeklyClosedLoopTests(DemoReportHost host) : IClassFixture<DemoReportHost>
{
    private const string Section = "Closing the loop with detractors";

    [Fact]
    public async Task The_pdf_prints_the_weeks_closed_loop_figures()
    {
        var report = host.Services.GetServices<IReportRenderer>().Single(r => r.Report == "weekly-executive");
        var period = report.PeriodEndingAt(new DateOnly(2026, 11, 30));
        var rendered = await report.RenderAsync(period, CancellationToken.None);
        using var pdf = PdfDocument.Open(rendered.Pdf);
        var all = string.Join("\n", pdf.GetPages().Select(PdfInspection.Text));
        var panel = ExecutiveDashboard.From(host.Services.GetRequiredService<DashboardCatalogHolder>()).Panels.Single(p => p.Id == "closed-loop");
        var data = await host.QueryAsync(panel.Query, DashboardVariables.For(period.Start, period.End, null));
        var tiles = KpiPanelBlock.BuildTiles(new PanelData(panel, data), "$");

        // The week's three NPS detractors of the demo host (scores 3, 5 and 6) and whatever CSAT ones the demo has.
        Assert.True(data.GetProperty("closedLoop").GetProperty("detractors").GetInt32() >= 3, data.GetRawText());
        Assert.Equal(
            ["Detractors to follow up", "Contacted", "Contacted within 48 h", "Resolved", "Median hours to contact"],
            tiles.Select(t => t.Title));
        Assert.DoesNotContain(tiles, t => t.Value == ValueFormatter.Missing && t.Title != "Median hours to contact");
        var section = all[all.IndexOf(Section, StringComparison.Ordinal)..];
        var folder = Directory.CreateDirectory(Path.Combine(PdfInspection.ProjectFolder(), "TestResults", "report-pages")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "weekly-executive-closed-loop-words.txt"), section);
        // Four tiles to a row: a row's titles read first, then its figures.
        var printed = string.Join(" ", tiles.Chunk(4).Select(row => string.Join(" ", row.Select(t => t.Title).Concat(row.Select(t => t.Value)))));
        Assert.Contains(printed, section, StringComparison.Ordinal);
        // The mail that carries the PDF lists them among its highlights too.
        Assert.Superset(tiles.Select(t => (t.Title, t.Value)).ToHashSet(), rendered.Highlights.Select(h => (h.Label, h.Value)).ToHashSet());
    }
}
