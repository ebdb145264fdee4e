using Analytics.Reports.Dashboards;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// A table: one column per value, numbers right-aligned and formatted by their format, text left-aligned; the widest
/// text column takes the room the others leave and wraps onto up to three lines.
/// </summary>
public sealed class TablePanelBlock(PanelData data, string currencySymbol) : PanelBlock(data)
{
    private const float HeaderHeight = 16;
    private const float LineHeight = 11;
    private const float Padding = 5;
    private const int MaxLines = 3;

    private static bool IsNumeric(PanelValue value) => value.Format is not (ValueFormat.Text or ValueFormat.Date);

    private IReadOnlyList<string[]> Cells() => Data.Rows()
        .Select(r => Data.Panel.Values.Select(v => ValueFormatter.Format(PanelData.Value(r, v.Field), v.Format, currencySymbol)).ToArray())
        .ToList();

    /// <summary>Each column's width: numbers and dates as wide as their widest cell, text sharing what is left.</summary>
    private float[] Widths(ReportPainter painter, float width, IReadOnlyList<string[]> cells)
    {
        var values = Data.Panel.Values;
        var natural = values.Select((v, i) => Math.Max(
            painter.Width(v.Title, ReportTheme.SmallSize, bold: true),
            cells.Select(c => painter.Width(c[i], ReportTheme.BodySize)).DefaultIfEmpty(0).Max()) + 2 * Padding).ToArray();
        var flexible = values.Select((v, i) => v.Format == ValueFormat.Text ? i : -1).Where(i => i >= 0).ToList();
        var fixedWidth = natural.Where((_, i) => !flexible.Contains(i)).Sum();
        var flexibleNatural = flexible.Sum(i => natural[i]);
        var room = width - fixedWidth;
        if (flexible.Count == 0 || flexibleNatural <= room)
        {
            var spare = (width - natural.Sum()) / Math.Max(flexible.Count, 1);
            return natural.Select((n, i) => flexible.Contains(i) || flexible.Count == 0 && i == 0 ? n + spare : n).ToArray();
        }

        // Text columns share the room in proportion to their natural widths, but never below their headers.
        return natural.Select((n, i) => flexible.Contains(i) ? Math.Max(room * n / flexibleNatural, 40) : n).ToArray();
    }

    private List<IReadOnlyList<string>[]> Lines(ReportPainter painter, float[] widths, IReadOnlyList<string[]> cells) =>
        cells.Select(row => row.Select((cell, i) => Data.Panel.Values[i].Format == ValueFormat.Text
            ? painter.Wrap(cell, widths[i] - 2 * Padding, ReportTheme.BodySize, MaxLines)
            : (IReadOnlyList<string>)[cell]).ToArray()).ToList();

    protected override float MeasureContent(ReportPainter painter, float width)
    {
        var cells = Cells();
        var lines = Lines(painter, Widths(painter, width, cells), cells);
        return HeaderHeight + lines.Sum(RowHeight);
    }

    private static float RowHeight(IReadOnlyList<string>[] row) => row.Max(c => Math.Max(c.Count, 1)) * LineHeight + 2 * Padding - 2;

    protected override void DrawContent(ReportPainter painter, SKRect bounds)
    {
        var values = Data.Panel.Values;
        var cells = Cells();
        var widths = Widths(painter, bounds.Width, cells);
        var lines = Lines(painter, widths, cells);

        var x = bounds.Left;
        for (var i = 0; i < values.Count; i++)
        {
            var title = painter.Fit(values[i].Title, widths[i] - 2 * Padding, ReportTheme.SmallSize, bold: true);
            DrawCell(painter, title, x, widths[i], bounds.Top + 10, IsNumeric(values[i]), ReportTheme.SmallSize, ReportTheme.Muted, bold: true);
            x += widths[i];
        }

        var y = bounds.Top + HeaderHeight;
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
