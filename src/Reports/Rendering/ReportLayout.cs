using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>A block placed on a page.</summary>
public sealed record PlacedBlock(ReportBlock Block, SKRect Bounds);

/// <summary>
/// Places blocks on pages along a 12-column grid: blocks fill a row left to right until their columns exceed 12, a row
/// is as tall as its tallest block, and a row that does not fit below the last one starts a new page.
/// </summary>
public static class ReportLayout
{
    public static IReadOnlyList<IReadOnlyList<PlacedBlock>> Paginate(ReportPainter measurer, IEnumerable<ReportBlock> blocks, SKRect body)
    {
        var pages = new List<IReadOnlyList<PlacedBlock>> { new List<PlacedBlock>() };
        var y = body.Top;
        foreach (var row in Rows(blocks))
        {
            var column = body.Width / 12 + ReportTheme.Gutter / 12;
            var widths = row.Select(b => b.Columns * column - ReportTheme.Gutter).ToList();
            var height = row.Select((b, i) => b.Measure(measurer, widths[i])).Max();
            var pageHasBlocks = pages[^1].Count > 0;
            if (pageHasBlocks && (row[0].PageBreakBefore || y + height > body.Bottom))
            {
                pages.Add(new List<PlacedBlock>());
                y = body.Top;
            }

            var x = body.Left;
            var page = (List<PlacedBlock>)pages[^1];
            for (var i = 0; i < row.Count; i++)
            {
                page.Add(new PlacedBlock(row[i], new SKRect(x, y, x + widths[i], y + height)));
                x += widths[i] + ReportTheme.Gutter;
            }

            y += height + ReportTheme.Gutter * 1.5f;
        }

        return pages;
    }

    private static IEnumerable<List<ReportBlock>> Rows(IEnumerable<ReportBlock> blocks)
    {
        var row = new List<ReportBlock>();
        foreach (var block in blocks)
        {
            if (row.Count > 0 && (block.PageBreakBefore || row.Sum(b => b.Columns) + block.Columns > 12))
            {
                yield return row;
                row = [];
            }

            row.Add(block);
        }

        if (row.Count > 0)
        {
            yield return row;
        }
    }
}
