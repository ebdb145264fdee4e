using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>Draws text and shapes on a PDF page in the report's fonts; text stays text, so it can be selected and searched.</summary>
public sealed class ReportPainter(SKCanvas canvas, ReportFonts fonts)
{
    public SKCanvas Canvas { get; } = canvas;

    public ReportFonts Fonts { get; } = fonts;

    /// <summary>Draws one line of text with its baseline at <paramref name="y"/>; returns its width.</summary>
    public float Text(string text, float x, float y, float size, SKColor color, bool bold = false, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = Fonts.Font(size, bold);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        Canvas.DrawText(text, x, y, align, font, paint);
        return font.MeasureText(text);
    }

    public float Width(string text, float size, bool bold = false)
    {
        using var font = Fonts.Font(size, bold);
        return font.MeasureText(text);
    }

    /// <summary>The text, cut with an ellipsis to fit <paramref name="width"/>.</summary>
    public string Fit(string text, float width, float size, bool bold = false)
    {
        if (Width(text, size, bold) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && Width(text[..length].TrimEnd() + "…", size, bold) > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }

    /// <summary>The text broken into lines of at most <paramref name="width"/>, at most <paramref name="maxLines"/> (the last cut with an ellipsis).</summary>
    public IReadOnlyList<string> Wrap(string text, float width, float size, int maxLines = int.MaxValue, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Width(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
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
}
