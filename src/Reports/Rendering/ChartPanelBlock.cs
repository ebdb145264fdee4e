using System.Globalization;
using System.Text.Json;
using Analytics.Reports.Dashboards;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// A line or bar chart drawn by ScottPlot straight onto the PDF page's canvas, so it stays vector and its text stays
/// text; styled to the report's palette and fonts. Line charts draw a band for values with a margin, bar charts error bars.
/// Rows that count the answers a point rests on (a <c>responses</c> field, as survey trends have) print that count under
/// each label ("n=141"), as the UI shows it on hover: a score is never read without its sample.
/// </summary>
public sealed class ChartPanelBlock(PanelData data) : PanelBlock(data)
{
    private const float ChartHeight = 128;

    protected override float MeasureContent(ReportPainter painter, float width) => ChartHeight;

    private const float LegendHeight = 14;
    private const float TickSize = 7;
    private const float TickLabelGap = 2.5f;

    protected override void DrawContent(ReportPainter painter, SKRect bounds)
    {
        if (Data.Panel.Values.Count > 1)
        {
            DrawLegend(painter, bounds);
            bounds = new SKRect(bounds.Left, bounds.Top + LegendHeight, bounds.Right, bounds.Bottom);
        }

        using var plot = Build(bounds.Width);
        var rect = new PixelRect(bounds.Left, bounds.Right, bounds.Bottom, bounds.Top);

        // TRICKY: the first render of a plot autoscales its axes and then renders itself a second time, which would put
        // every label into the PDF twice (invisible, but doubled in its text); a throwaway render settles the axes first.
        using (var recorder = new SKPictureRecorder())
        {
            plot.Render(recorder.BeginRecording(bounds), rect);
            using var discarded = recorder.EndRecording();
        }

        var canvas = painter.Canvas;
        canvas.Save();
        canvas.ClipRect(bounds);
        plot.Render(canvas, rect);
        DrawTickLabels(painter, plot);
        canvas.Restore();
    }

    /// <summary>
    /// The axes' labels where ScottPlot would put them: centred below the bottom ticks, right-aligned left of the left
    /// ones. Drawn by the painter, so a segment's name in Chinese falls back to the CJK font like all report text.
    /// </summary>
    private static void DrawTickLabels(ReportPainter painter, Plot plot)
    {
        var data = plot.RenderManager.LastRender.DataRect;
        var capHeight = painter.CapHeight(TickSize);
        foreach (var tick in plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && !string.IsNullOrWhiteSpace(t.Label)))
        {
            var x = plot.Axes.Bottom.GetPixel(tick.Position, data);
            var lines = tick.Label.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var y = data.Bottom + TickLabelGap + capHeight + i * TickSize * 1.25f;
                painter.Text(lines[i], x, y, TickSize, ReportTheme.Muted, align: SKTextAlign.Center);
            }
        }

        foreach (var tick in plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && !string.IsNullOrWhiteSpace(t.Label)))
        {
            var y = plot.Axes.Left.GetPixel(tick.Position, data);
            painter.Text(tick.Label, data.Left - 2 * TickLabelGap, y + capHeight / 2, TickSize, ReportTheme.Muted, align: SKTextAlign.Right);
        }
    }

    /// <summary>A second label line with the answers the point rests on, when the row counts them.</summary>
    private static string AnswersLine(JsonElement row) =>
        PanelData.Number(row, "responses") is { } answers ? $"\nn={answers.ToString("0", CultureInfo.InvariantCulture)}" : "";

    private Plot Build(float width)
    {
        var rows = Data.Rows();
        var labels = rows.Select(r => AxisLabel(Data.Label(r)) + AnswersLine(r)).ToArray();
        var positions = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        var plot = new Plot();
        Style(plot);

        var values = Data.Panel.Values;
        for (var s = 0; s < values.Count; s++)
        {
            var value = values[s];
            var color = ToColor(ReportTheme.Series[s % ReportTheme.Series.Length]);
            var ys = rows.Select(r => PanelData.Number(r, value.Field) is { } v ? Scale(v, value.Format) : double.NaN).ToArray();
            if (Data.Panel.Kind == PanelKind.Bar)
            {
                AddBars(plot, rows, positions, ys, value, s, values.Count, color);
            }
            else
            {
                AddLine(plot, rows, positions, ys, value, color);
            }
        }

        // Every label where they fit, else every second or third one, so dates never overlap.
        var step = (int)Math.Ceiling(labels.Length * 42 / Math.Max(width - 40, 1));
        var shown = positions.Where((_, i) => i % Math.Max(step, 1) == 0).ToArray();
        plot.Axes.Bottom.SetTicks(shown, shown.Select(p => labels[(int)p]).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Tick(v, values[0].Format) };
        if (Data.Panel.Kind == PanelKind.Bar && values.Any(v => v.Format == ValueFormat.Score && v.Margin is not null))
        {
            // An NPS with few answers has a margin wider than the scale itself; the scale (−100 to 100) bounds the chart.
            plot.Axes.SetLimitsY(-100, 100);
        }
        else if (Data.Panel.Kind == PanelKind.Bar)
        {
            plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0, top: 0.15);
        }
        else
        {
            plot.Axes.Margins(horizontal: 0.03, vertical: 0.15);
        }

        plot.HideLegend();
        return plot;
    }

    /// <summary>The series' names with their colours, right-aligned above the chart (drawn as text, not by ScottPlot).</summary>
    private void DrawLegend(ReportPainter painter, SKRect bounds)
    {
        var x = bounds.Right;
        var values = Data.Panel.Values;
        for (var s = values.Count - 1; s >= 0; s--)
        {
            var width = painter.Width(values[s].Title, ReportTheme.SmallSize);
            painter.Text(values[s].Title, x, bounds.Top + 8, ReportTheme.SmallSize, ReportTheme.Muted, align: SKTextAlign.Right);
            x -= width + 4;
            painter.Fill(new SKRect(x - 10, bounds.Top + 4, x, bounds.Top + 6), ReportTheme.Series[s % ReportTheme.Series.Length]);
            x -= 22;
        }
    }

    private static void AddLine(Plot plot, IReadOnlyList<System.Text.Json.JsonElement> rows, double[] xs, double[] ys, PanelValue value, Color color)
    {
        if (value.Margin is not null)
        {
            var margins = rows.Select(r => PanelData.Number(r, value.Margin) is { } m ? Scale(m, value.Format) : 0).ToArray();
            var band = plot.Add.FillY(xs, ys.Select((y, i) => y - margins[i]).ToArray(), ys.Select((y, i) => y + margins[i]).ToArray());
            band.FillColor = color.WithAlpha(40);
            band.LineWidth = 0;
        }

        var line = plot.Add.Scatter(xs, ys);
        line.Color = color;
        line.LineWidth = 1.6f;
        line.MarkerSize = 3.5f;
        line.LegendText = value.Title;
        line.LineStyle.Rounded = true;
    }

    private static void AddBars(Plot plot, IReadOnlyList<System.Text.Json.JsonElement> rows, double[] xs, double[] ys, PanelValue value, int series, int seriesCount, Color color)
    {
        var width = 0.7 / seriesCount;
        var bars = rows.Select((r, i) => new Bar
        {
            Position = xs[i] - 0.35 + width * (series + 0.5),
            Value = double.IsNaN(ys[i]) ? 0 : ys[i],
            Size = width * 0.9,
            FillColor = color,
            Error = value.Margin is not null && PanelData.Number(r, value.Margin) is { } m ? Scale(m, value.Format) : 0,
            ErrorSize = 0.2,

            // The error bar takes the bar's line style; a thin slate line reads as a whisker and barely outlines the bar.
            LineColor = ToColor(ReportTheme.Muted),
            LineWidth = value.Margin is null ? 0 : 0.7f,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = value.Title;
    }

    private static void Style(Plot plot)
    {
        plot.Font.Set(ReportFonts.Family);
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.Transparent;
        plot.Axes.Color(ToColor(ReportTheme.Muted));
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Left.FrameLineStyle.Width = 0;
        plot.Axes.Bottom.FrameLineStyle.Color = ToColor(ReportTheme.Faint);
        plot.Axes.Bottom.FrameLineStyle.Width = 0.6f;
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.FontName = ReportFonts.Family;

            // TRICKY: ScottPlot would draw each label in one typeface, which it caches by family name for the whole
            // process: no fallback to the CJK font, and whole fonts in the PDF. It still measures the hidden labels
            // (so the axes keep their room); DrawTickLabels draws them.
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
        }

        plot.Grid.MajorLineColor = ToColor(ReportTheme.Rule);
        plot.Grid.MajorLineWidth = 0.5f;
        plot.Grid.XAxisStyle.IsVisible = false;
    }

    /// <summary>Percent values are plotted in percent (42.0), not as fractions.</summary>
    private static double Scale(double value, ValueFormat format) => format == ValueFormat.Percent ? value * 100 : value;

    private static string Tick(double value, ValueFormat format) => format switch
    {
        ValueFormat.Percent => value.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        ValueFormat.Currency when Math.Abs(value) >= 1000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Dates on the x axis as "23 Nov"; other labels as they come.</summary>
    private static string AxisLabel(string label) =>
        DateOnly.TryParseExact(label, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d MMM", CultureInfo.InvariantCulture)
            : label;

    private static Color ToColor(SKColor color) => new(color.Red, color.Green, color.Blue, color.Alpha);
}
