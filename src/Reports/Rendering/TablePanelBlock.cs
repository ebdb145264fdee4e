using Analytics.Reports.Dashboards;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// A table: one column per value, numbers right-aligned and formatted by their format, text left-aligned and wrapped onto
/// up to three lines, headers onto up to two.
/// </summary>
public sealed class TablePanelBlock(PanelData data, string currencySymbol) : PanelBlock(data)
{
    private const float HeaderHeightOfOneLine = 16;
    private const float HeaderLineStep = 10;
    private const int MaxHeaderLines = 2;
    private const float LineHeight = 11;
    private const float Padding = 5;
    private const int MaxLines = 3;

    private static bool IsNumeric(PanelValue value) => value.Format is not (ValueFormat.Text or ValueFormat.Date);

    private IReadOnlyList<string[]> Cells() => Data.Rows()
        .Select(r => Data.Panel.Values.Select(v => ValueFormatter.Format(PanelData.Value(r, v.Field), v.Format, currencySymbol)).ToArray())
        .ToList();

    /// <summary>
    /// Each column's width. Numbers and dates are as wide as their widest cell or header (when the row is too narrow for
    /// every header, their headers wrap onto two lines rather than widen them); text columns share what is left, the narrow ones first getting all they need, so that a short
    /// name beside a long comment is never cut.
    /// </summary>
    private float[] Widths(ReportPainter painter, float width, IReadOnlyList<string[]> cells)
    {
        var values = Data.Panel.Values;
        float Widest(int i) => cells.Select(c => painter.Width(c[i], ReportTheme.BodySize)).DefaultIfEmpty(0).Max();
        float WidestHeaderWord(int i) => values[i].Title.Split(' ').Max(w => painter.Width(w, ReportTheme.SmallSize, bold: true));
        float Header(int i) => painter.Width(values[i].Title, ReportTheme.SmallSize, bold: true);
        var widths = values.Select((v, i) => Math.Max(Widest(i), Header(i)) + 2 * Padding).ToArray();
        if (widths.Sum() > width)
        {
            for (var i = 0; i < values.Count; i++)
            {
                widths[i] = values[i].Format == ValueFormat.Text ? widths[i] : Math.Max(Widest(i), WidestHeaderWord(i)) + 2 * Padding;
            }
        }

        var flexible = values.Select((v, i) => v.Format == ValueFormat.Text ? i : -1).Where(i => i >= 0).ToList();
        var room = width - widths.Where((_, i) => !flexible.Contains(i)).Sum();
        if (flexible.Count == 0 || flexible.Sum(i => widths[i]) <= room)
        {
            // Room to spare: the text columns (or the first column) take it.
            var spare = (width - widths.Sum()) / Math.Max(flexible.Count, 1);
            return widths.Select((n, i) => flexible.Contains(i) || flexible.Count == 0 && i == 0 ? n + spare : n).ToArray();
        }

        // Water-filling: a text column narrower than an even share of what is left gets its natural width; the wide
        // ones share the rest in proportion to their natural widths, never below 40 points.
        var open = flexible.OrderBy(i => widths[i]).ToList();
        while (open.Count > 1 && widths[open[0]] <= room / open.Count)
        {
            room -= widths[open[0]];
            open.RemoveAt(0);
        }

        var openNatural = open.Sum(i => widths[i]);
        foreach (var i in open)
        {
            widths[i] = Math.Max(room * widths[i] / openNatural, 40);
        }

        return widths;
    }

    private IReadOnlyList<string>[] Headers(ReportPainter painter, float[] widths) => Data.Panel.Values
        .Select((v, i) => painter.Wrap(v.Title, widths[i] - 2 * Padding, ReportTheme.SmallSize, MaxHeaderLines, bold: true))
        .ToArray();

    private static float HeaderHeight(IReadOnlyList<string>[] headers) => HeaderHeightOfOneLine + (headers.Max(h => Math.Max(h.Count, 1)) - 1) * HeaderLineStep;

    private List<IReadOnlyList<string>[]> Lines(ReportPainter painter, float[] widths, IReadOnlyList<string[]> cells) =>
        cells.Select(row => row.Select((cell, i) => Data.Panel.Values[i].Format == ValueFormat.Text
            ? painter.Wrap(cell, widths[i] - 2 * Padding, ReportTheme.BodySize, MaxLines)
            : (IReadOnlyList<string>)[cell]).ToArray()).ToList();

    protected override float MeasureContent(ReportPainter painter, float width)
    {
        var cells = Cells();
        var widths = Widths(painter, width, cells);
        return HeaderHeight(Headers(painter, widths)) + Lines(painter, widths, cells).Sum(RowHeight);
    }

    private static float RowHeight(IReadOnlyList<string>[] row) => row.Max(c => Math.Max(c.Count, 1)) * LineHeight + 2 * Padding - 2;

    protected override void DrawContent(ReportPainter painter, SKRect bounds)
    {
        var values = Data.Panel.Values;
        var cells = Cells();
        var widths = Widths(painter, bounds.Width, cells);
        var lines = Lines(painter, widths, cells);

        var headers = Headers(painter, widths);
        var x = bounds.Left;
        for (var i = 0; i < values.Count; i++)
        {
            for (var l = 0; l < headers[i].Count; l++)
            {
                DrawCell(painter, headers[i][l], x, widths[i], bounds.Top + 10 + l * HeaderLineStep, IsNumeric(values[i]), ReportTheme.SmallSize, ReportTheme.Muted, bold: true);
            }

            x += widths[i];
        }

        var y = bounds.Top + HeaderHeight(headers);
        painter.Line(bounds.Left, y - 1, bounds.Right, y - 1, ReportTheme.Faint);
        for (var r = 0; r < lines.Count; r++)
        {
            var height = RowHeight(lines[r]);
            if (r % 2 == 1)
            {
                painter.Fill(new SKRect(bounds.Left, y, bounds.Right, y + height), ReportTheme.Panel);
            }

            x = bounds.Left;
            for (var i = 0; i < values.Count; i++)
            {
                for (var l = 0; l < lines[r][i].Count; l++)
                {
                    DrawCell(painter, lines[r][i][l], x, widths[i], y + Padding + 7 + l * LineHeight, IsNumeric(values[i]), ReportTheme.BodySize,
                        i == 0 ? ReportTheme.Ink : ReportTheme.Ink.WithAlpha(220), bold: false);
                }

                x += widths[i];
            }

            y += height;
        }

        painter.Line(bounds.Left, y, bounds.Right, y, ReportTheme.Rule);
    }

    private static void DrawCell(ReportPainter painter, string text, float x, float width, float baseline, bool right, float size, SKColor color, bool bold)
    {
        if (right)
        {
            painter.Text(text, x + width - Padding, baseline, size, color, bold, SKTextAlign.Right);
        }
        else
        {
            painter.Text(text, x + Padding, baseline, size, color, bold);
        }
    }
}
