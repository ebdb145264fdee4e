using System.Text;
using Analytics.Reports.Rendering.Fonts;
using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// The report's typefaces: DejaVu Sans, regular and bold (Debian's fonts-dejavu-core), and for Chinese, Japanese and
/// Korean text Noto Sans CJK (fonts-noto-cjk); scripts/setup.sh installs both. Each is found in its configured folder,
/// else in the usual font folders. A missing DejaVu Sans stops every render; a missing Noto Sans CJK stops only a render
/// that has such text, with a message saying how to install it: a PDF that prints customers' names as empty boxes
/// would mislead its readers, while a failed run is recorded, retried and names its cause.
/// </summary>
public sealed class ReportFonts
{
    public const string Family = "DejaVu Sans";
    private const string RegularFile = "DejaVuSans.ttf";
    private const string BoldFile = "DejaVuSans-Bold.ttf";

    private static readonly string[] SearchFolders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
        "/Library/Fonts",
    ];

    private readonly IReadOnlyList<string> _cjkSearched;

    private ReportFonts(FontFace regular, FontFace bold, CjkFonts? cjk, IReadOnlyList<string> cjkSearched)
    {
        Regular = regular;
        Bold = bold;
        Cjk = cjk;
        _cjkSearched = cjkSearched;
    }

    public FontFace Regular { get; }

    public FontFace Bold { get; }

    /// <summary>Noto Sans CJK, or null when it was not found.</summary>
    public CjkFonts? Cjk { get; }

    /// <summary>The folders searched for Noto Sans CJK.</summary>
    public string CjkSearched => string.Join(", ", _cjkSearched);

    /// <summary>
    /// Loads DejaVu Sans from <paramref name="folder"/> when given, else from the first usual folder that has both
    /// files, and Noto Sans CJK the same way from <paramref name="cjkFolder"/>.
    /// </summary>
    public static ReportFonts Load(string? folder = null, string? cjkFolder = null)
    {
        var files = FontFolders.Find(folder, SearchFolders, RegularFile, BoldFile, out var searched)
            ?? throw new ReportFontException(
                $"{RegularFile} and {BoldFile} were not found in {string.Join(", ", searched)}; install Debian's fonts-dejavu-core " +
                "(scripts/setup.sh does) or set Reports:FontFolder to a folder holding them.");
        var fonts = new ReportFonts(FontFace.Open(files.Regular), FontFace.Open(files.Bold), CjkFonts.Find(cjkFolder, out var cjkSearched), cjkSearched);
        ChartFontResolver.Use(fonts);
        return fonts;
    }

    /// <summary>
    /// The text cut into runs of one face each: a character in DejaVu Sans when it has it, else in the Noto Sans CJK
    /// face of the text's language (<see cref="CjkScript.LanguageOf"/>) when that has it, else in DejaVu Sans, which
    /// draws it as its missing-glyph box (emoji, scripts neither font covers).
    /// </summary>
    public IReadOnlyList<TextRun> Runs(string text, bool bold)
    {
        var latin = bold ? Bold : Regular;
        FontFace? cjk = null;
        var runs = new List<TextRun>();
        var run = new StringBuilder();
        FontFace? face = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var next = latin;
            if (!latin.Has(rune))
            {
                cjk ??= CjkFace(rune, text, bold);
                next = cjk is not null && cjk.Has(rune) ? cjk : latin;
            }

            if (face is not null && next != face)
            {
                runs.Add(new TextRun(face, run.ToString()));
                run.Clear();
            }

            face = next;
            run.Append(rune.ToString());
        }

        if (face is not null)
        {
            runs.Add(new TextRun(face, run.ToString()));
        }

        return runs;
    }

    /// <summary>An unhinted font with linear advances: glyphs sit where the font says, so PDF readers see words, not letters with gaps.</summary>
    public static SKFont Font(SKTypeface typeface, float size) => new(typeface, size)
    {
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
        Edging = SKFontEdging.Antialias,
    };

    private FontFace? CjkFace(Rune rune, string text, bool bold)
    {
        if (Cjk is not null)
        {
            return Cjk.Face(CjkScript.LanguageOf(text), bold);
        }

        return CjkScript.IsCjk(rune)
            ? throw new ReportFontException(
                $"The report has Chinese, Japanese or Korean text ('{rune}', U+{rune.Value:X4}) but {CjkFonts.RegularFile} and " +
                $"{CjkFonts.BoldFile} were not found in {CjkSearched}; install Debian's fonts-noto-cjk (scripts/setup.sh does) " +
                "or set Reports:CjkFontFolder to a folder holding them.")
            : null;
    }
}

/// <summary>The report's fonts cannot be found or read.</summary>
public sealed class ReportFontException(string message) : Exception(message);
