using SkiaSharp;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>
/// The fonts of one PDF. Text is always measured with the whole faces. A dry run draws every page with them, noting
/// each character each face draws; after <see cref="Subset"/>, text is drawn with each face cut down to exactly those
/// characters, so the PDF embeds nothing else.
/// </summary>
/// <remarks>
/// TRICKY: SkiaSharp's PDF backend embeds one copy of a font per typeface instance it meets, a TrueType font whole (its
/// subsetter is not built in: DejaVu Sans is ~380 KB compressed) and an OpenType/CFF font such as Noto Sans CJK as Type 3
/// glyph drawings. So nothing may draw into a PDF with a whole face.
/// </remarks>
public sealed class RenderFonts(ReportFonts fonts) : IDisposable
{
    private readonly Dictionary<FontFace, SortedSet<int>> _drawn = [];
    private readonly SortedSet<int> _missing = [];
    private Dictionary<FontFace, SKTypeface>? _subsets;

    /// <summary>Characters drawn that no report font has (printed as DejaVu Sans's missing-glyph box).</summary>
    public IReadOnlyCollection<int> Missing => _missing;

    /// <summary>The faces each character is drawn in (<see cref="ReportFonts.Runs"/>).</summary>
    public IReadOnlyList<TextRun> Runs(string text, bool bold) => fonts.Runs(text, bold);

    /// <summary>The typeface that draws <paramref name="run"/>: the whole face in the dry run, which notes its characters, then the face's subset.</summary>
    public SKTypeface Draw(TextRun run)
    {
        if (_subsets is null)
        {
            if (!_drawn.TryGetValue(run.Face, out var drawn))
            {
                drawn = _drawn[run.Face] = [];
            }

            foreach (var rune in run.Text.EnumerateRunes())
            {
                drawn.Add(rune.Value);
                if (!run.Face.Has(rune))
                {
                    _missing.Add(rune.Value);
                }
            }

            return run.Face.Typeface;
        }

        // A character outside the subset would print as an empty box: everything the PDF draws, the dry run drew.
        if (!_subsets.TryGetValue(run.Face, out var subset) || run.Text.EnumerateRunes().Any(r => !_drawn[run.Face].Contains(r.Value)))
        {
            throw new InvalidOperationException($"'{run.Text}' was not drawn in the dry run, so the subset of {run.Face} lacks it.");
        }

        return subset;
    }

    /// <summary>Cuts each face the dry run drew with down to the characters it drew; from now on text is drawn with these.</summary>
    public void Subset()
    {
        _subsets = _drawn.ToDictionary(p => p.Key, p =>
        {
            using var data = SKData.CreateCopy(FontSubsetter.Subset(p.Key.Path, p.Key.Index, p.Value));
            return SKTypeface.FromData(data) ?? throw new ReportFontException($"SkiaSharp cannot read the subset of {p.Key}.");
        });
    }

    public void Dispose()
    {
        foreach (var subset in _subsets?.Values ?? Enumerable.Empty<SKTypeface>())
        {
            subset.Dispose();
        }
    }
}
