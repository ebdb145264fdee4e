using Analytics.Reports.Dashboards;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>A KPI tile as printed: the figure, its margin of error and its change against the window before.</summary>
public sealed record KpiTile(string Title, string Value, string? Margin, string? Change, int Direction);

/// <summary>KPI tiles, four to a row: a large figure, ± its margin, and the change from the window before.</summary>
public sealed class KpiPanelBlock(PanelData data, string currencySymbol) : PanelBlock(data)
{
    private const float TileHeight = 60;
    private const float TileGap = 8;

    public IReadOnlyList<KpiTile> Tiles { get; } = BuildTiles(data, currencySymbol);

    protected override bool IsEmpty => Data.Object() is null;

    public static IReadOnlyList<KpiTile> BuildTiles(PanelData data, string currencySymbol)
    {
        var source = data.Object();
        return data.Panel.Values.Select(v =>
        {
            var current = PanelData.Number(source, v.Field);
            var previous = PanelData.Number(source, v.Previous);
            var margin = PanelData.Number(source, v.Margin);
            var marginFormat = v.Format == ValueFormat.Percent ? ValueFormat.Percent : v.Format == ValueFormat.Integer ? ValueFormat.Integer : ValueFormat.Score;
            return new KpiTile(
                v.Title,
                ValueFormatter.Format(PanelData.Value(source, v.Field), v.Format, currencySymbol),
                margin is { } m && current is not null ? "±" + ValueFormatter.Format(m, marginFormat, currencySymbol) : null,
                v.Previous is null ? null : ValueFormatter.Change(current, previous, v.Format, currencySymbol) ?? "no comparison",
                current is { } c && previous is { } p ? Math.Sign(Math.Round(c - p, 6)) : 0);
        }).ToList();
    }

    private int PerRow(float width) => width > 400 ? 4 : 2;

    protected override float MeasureContent(ReportPainter painter, float width)
    {
        var rows = (Tiles.Count + PerRow(width) - 1) / PerRow(width);
        return rows * TileHeight + (rows - 1) * TileGap;
    }

    protected override void DrawContent(ReportPainter painter, SKRect bounds)
    {
        var perRow = PerRow(bounds.Width);
        var tileWidth = (bounds.Width - (perRow - 1) * TileGap) / perRow;
        for (var i = 0; i < Tiles.Count; i++)
        {
            var x = bounds.Left + (i % perRow) * (tileWidth + TileGap);
            var y = bounds.Top + (i / perRow) * (TileHeight + TileGap);
            DrawTile(painter, Tiles[i], new SKRect(x, y, x + tileWidth, y + TileHeight));
        }
    }

    private static void DrawTile(ReportPainter painter, KpiTile tile, SKRect r)
    {
        painter.Fill(r, ReportTheme.Panel, radius: 3);
        painter.Fill(new SKRect(r.Left, r.Top, r.Left + 2.5f, r.Bottom), ReportTheme.Accent);
        var left = r.Left + 10;
        var inner = r.Width - 16;
        painter.Text(painter.Fit(tile.Title, inner, ReportTheme.SmallSize), left, r.Top + 14, ReportTheme.SmallSize, ReportTheme.Muted);
        var valueWidth = painter.Text(tile.Value, left, r.Top + 35, 17, ReportTheme.Ink, bold: true);
        if (tile.Margin is not null)
        {
            painter.Text(tile.Margin, left + valueWidth + 4, r.Top + 35, ReportTheme.BodySize, ReportTheme.Muted);
        }

        if (tile.Change is not null)
        {
            var (arrow, color) = tile.Direction switch
            {
                > 0 => ("▲ ", ReportTheme.Up),
                < 0 => ("▼ ", ReportTheme.Down),
                _ => ("", ReportTheme.Muted),
            };
            var changeWidth = painter.Text(arrow + tile.Change, left, r.Top + 51, ReportTheme.SmallSize, color, bold: tile.Direction != 0);
            if (changeWidth + painter.Width(" vs last week", ReportTheme.SmallSize) <= inner)
            {
                painter.Text(" vs last week", left + changeWidth, r.Top + 51, ReportTheme.SmallSize, ReportTheme.Faint);
            }
        }
    }
}
