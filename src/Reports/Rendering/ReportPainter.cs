using Analytics.Reports.Rendering.Fonts;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// Draws text and shapes on a PDF page in the report's fonts, each character in the first face that has it
/// (<see cref="ReportFonts.Runs"/>); text stays text, so it can be selected and searched.
/// </summary>
public sealed class ReportPainter(SKCanvas canvas, RenderFonts fonts)
{
    public SKCanvas Canvas { get; } = canvas;

    /// <summary>Draws one line of text with its baseline at <paramref name="y"/>; returns its width.</summary>
    public float Text(string text, float x, float y, float size, SKColor color, bool bold = false, SKTextAlign align = SKTextAlign.Left)
    {
        var runs = fonts.Runs(text, bold);
        var widths = runs.Select(r => Measure(r.Face.Typeface, r.Text, size)).ToList();
        var width = widths.Sum();
        var left = align switch
        {
            SKTextAlign.Right => x - width,
            SKTextAlign.Center => x - width / 2,
            _ => x,
        };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        for (var i = 0; i < runs.Count; i++)
        {
            using var font = ReportFonts.Font(fonts.Draw(runs[i]), size);
            Canvas.DrawText(runs[i].Text, left, y, SKTextAlign.Left, font, paint);
            left += widths[i];
        }

        return width;
    }

    public float Width(string text, float size, bool bold = false) => fonts.Runs(text, bold).Sum(r => Measure(r.Face.Typeface, r.Text, size));

    /// <summary>How far capital letters rise above the baseline.</summary>
    public float CapHeight(float size, bool bold = false)
    {
        using var font = ReportFonts.Font(fonts.Runs("H", bold)[0].Face.Typeface, size);
        return font.Metrics.CapHeight;
    }

    /// <summary>The text, cut with an ellipsis to fit <paramref name="width"/>.</summary>
    public string Fit(string text, float width, float size, bool bold = false)
    {
        if (Width(text, size, bold) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && Width(Cut(text, length), size, bold) > width)
        {
            length--;
            if (length > 1 && char.IsHighSurrogate(text[length - 1]))
            {
                // Never between the two halves of a character outside the Basic Multilingual Plane.
                length--;
            }
        }

        return Cut(text, length);
    }

    /// <summary>The text broken into lines of at most <paramref name="width"/>, at most <paramref name="maxLines"/> (the last cut with an ellipsis).</summary>
    public IReadOnlyList<string> Wrap(string text, float width, float size, int maxLines = int.MaxValue, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var (piece, afterSpace) in LineBreaks.Pieces(text))
        {
            var candidate = line.Length == 0 ? piece : line + (afterSpace ? " " : "") + piece;
            if (line.Length > 0 && Width(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = piece;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = Fit(lines[^1] + " …", width, size, bold);
        }

        return lines.Select(l => Fit(l, width, size, bold)).ToList();
    }

    public void Fill(SKRect rect, SKColor color, float radius = 0)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        if (radius > 0)
        {
            Canvas.DrawRoundRect(rect, radius, radius, paint);
        }
        else
        {
            Canvas.DrawRect(rect, paint);
        }
    }

    public void Line(float x0, float y0, float x1, float y1, SKColor color, float width = 0.5f)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, StrokeWidth = width, Style = SKPaintStyle.Stroke };
        Canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    private static string Cut(string text, int length) => text[..length].TrimEnd() + "…";

    private static float Measure(SKTypeface typeface, string text, float size)
    {
        using var font = ReportFonts.Font(typeface, size);
        return font.MeasureText(text);
    }
}
