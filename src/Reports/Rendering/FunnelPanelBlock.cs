using Analytics.Reports.Dashboards;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>A funnel: one bar per stage, as wide as its share of the first stage, with the count and the conversion from the stage before.</summary>
public sealed class FunnelPanelBlock(PanelData data, string currencySymbol) : PanelBlock(data)
{
    private const float RowHeight = 24;
    private const float LabelWidth = 78;
    private const float ConversionWidth = 70;

    protected override float MeasureContent(ReportPainter painter, float width) => Data.Rows().Count * RowHeight + 12;

    protected override void DrawContent(ReportPainter painter, SKRect bounds)
    {
        var value = Data.Panel.Values[0];
        var rows = Data.Rows();
        var counts = rows.Select(r => PanelData.Number(r, value.Field)).ToList();
        var top = Math.Max(counts.Max() ?? 0, 1);
        var barLeft = bounds.Left + LabelWidth;
        var barSpace = bounds.Width - LabelWidth - ConversionWidth;
        painter.Text("from previous", bounds.Right, bounds.Top + 8, ReportTheme.SmallSize, ReportTheme.Faint, align: SKTextAlign.Right);
        for (var i = 0; i < rows.Count; i++)
        {
            var y = bounds.Top + 12 + i * RowHeight;
            var count = counts[i] ?? 0;
            var barWidth = Math.Max((float)(count / top) * barSpace, 1.5f);
            var color = ReportTheme.Series[0].WithAlpha((byte)(255 - i * 45));
            painter.Text(StageName(Data.Label(rows[i])), bounds.Left, y + 14, ReportTheme.BodySize, ReportTheme.Ink, bold: true);
            var bar = new SKRect(barLeft, y + 3, barLeft + barWidth, y + RowHeight - 3);
            painter.Fill(bar, color, radius: 2);
            var text = ValueFormatter.Format(PanelData.Value(rows[i], value.Field), value.Format, currencySymbol);
            var inside = painter.Width(text, ReportTheme.BodySize, bold: true) + 10 < barWidth;
            painter.Text(text, inside ? bar.Right - 5 : bar.Right + 5, y + 14, ReportTheme.BodySize, inside ? SKColors.White : ReportTheme.Ink,
                bold: true, align: inside ? SKTextAlign.Right : SKTextAlign.Left);
            var conversion = i == 0 || counts[i - 1] is not > 0 || counts[i] is null ? ValueFormatter.Missing
                : ValueFormatter.Format(counts[i]!.Value / counts[i - 1]!.Value, ValueFormat.Percent);
            painter.Text(i == 0 ? "" : conversion, bounds.Right, y + 14, ReportTheme.BodySize, ReportTheme.Muted, align: SKTextAlign.Right);
        }
    }

    /// <summary>TARGET → Target: stage names are upper-case enum names in the API.</summary>
    private static string StageName(string name) =>
        name.Length > 1 && name.All(c => char.IsUpper(c) || c == '_') ? name[0] + name[1..].ToLowerInvariant().Replace('_', ' ') : name;
}
