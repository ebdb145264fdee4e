using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>
/// The report's embedded typefaces: DejaVu Sans, regular and bold (Debian's fonts-dejavu-core, installed by
/// scripts/setup.sh). Found in a configured folder, then in the usual font folders; a missing font stops the render
/// with a message saying how to install it, rather than falling back to a font the PDF cannot embed.
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

    // TRICKY: the PDF embeds one copy of a font per SKTypeface instance (Skia does not subset here: a full DejaVu Sans
    // is ~380 KB compressed). Every render, and ScottPlot's charts, therefore share one instance per file for the
    // process's lifetime; they are never disposed.
    private static readonly Dictionary<string, SKTypeface> Typefaces = new(StringComparer.Ordinal);
    private static readonly Lock TypefacesLock = new();

    private ReportFonts(string regularPath, string boldPath)
    {
        RegularPath = regularPath;
        BoldPath = boldPath;
        Regular = Typeface(regularPath);
        Bold = Typeface(boldPath);
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public string RegularPath { get; }

    public string BoldPath { get; }

    /// <summary>Loads the fonts from <paramref name="folder"/> when given, else from the first usual folder that has both.</summary>
    public static ReportFonts Load(string? folder = null)
    {
        var folders = string.IsNullOrWhiteSpace(folder) ? SearchFolders : [folder];
        foreach (var candidate in folders)
        {
            var regular = Path.Combine(candidate, RegularFile);
            var bold = Path.Combine(candidate, BoldFile);
            if (File.Exists(regular) && File.Exists(bold))
            {
                var fonts = new ReportFonts(regular, bold);
                ChartFontResolver.Use(fonts);
                return fonts;
            }
        }

        throw new ReportFontException(
            $"{RegularFile} and {BoldFile} were not found in {string.Join(", ", folders)}; install Debian's fonts-dejavu-core " +
            "(scripts/setup.sh does) or set Reports:FontFolder to a folder holding them.");
    }

    public SKFont Font(float size, bool bold = false) => new(bold ? Bold : Regular, size)
    {
        // Unhinted, linear advances: glyphs sit where the font says, so PDF readers see words, not letters with gaps.
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
        Edging = SKFontEdging.Antialias,
    };

    private static SKTypeface Typeface(string path)
    {
        lock (TypefacesLock)
        {
            if (!Typefaces.TryGetValue(path, out var typeface))
            {
                typeface = SKTypeface.FromFile(path) ?? throw new ReportFontException($"'{path}' is not a font SkiaSharp can read.");
                Typefaces[path] = typeface;
            }

            return typeface;
        }
    }
}

/// <summary>The report's fonts cannot be found or read.</summary>
public sealed class ReportFontException(string message) : Exception(message);
