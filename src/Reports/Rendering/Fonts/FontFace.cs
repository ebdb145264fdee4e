using System.Text;
using SkiaSharp;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>One face of a font file (a <c>.ttc</c> collection holds several), read once per process.</summary>
public sealed class FontFace
{
    // One instance per file and face for the process's lifetime (never disposed): reading a 20 MB CJK collection
    // again for every render would be wasted work, and a face's identity keys the characters a render draws with it.
    private static readonly Dictionary<(string Path, int Index), FontFace> Opened = [];
    private static readonly Lock OpenedLock = new();

    // Answers which characters the face has (a read-only query, safe from several renders at once).
    private readonly SKFont _lookup;

    private FontFace(string path, int index, SKTypeface typeface)
    {
        Path = path;
        Index = index;
        Typeface = typeface;
        _lookup = new SKFont(typeface);
    }

    public string Path { get; }

    public int Index { get; }

    /// <summary>The whole face: it measures text and says which characters the face has. PDFs draw with subsets of it.</summary>
    public SKTypeface Typeface { get; }

    public static FontFace Open(string path, int index = 0)
    {
        lock (OpenedLock)
        {
            if (!Opened.TryGetValue((path, index), out var face))
            {
                var typeface = SKTypeface.FromFile(path, index) ?? throw new ReportFontException($"'{path}' is not a font SkiaSharp can read.");
                face = new FontFace(path, index, typeface);
                Opened[(path, index)] = face;
            }

            return face;
        }
    }

    public bool Has(Rune rune) => _lookup.ContainsGlyph(rune.Value);

    public override string ToString() => $"{Typeface.FamilyName} {Typeface.FontWeight} ({System.IO.Path.GetFileName(Path)}, face {Index})";
}

/// <summary>A stretch of text drawn in one face.</summary>
public readonly record struct TextRun(FontFace Face, string Text);
