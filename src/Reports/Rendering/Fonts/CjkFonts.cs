using SkiaSharp;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>
/// Noto Sans CJK regular and bold (Debian's fonts-noto-cjk): the Simplified Chinese, Japanese and Korean faces of its
/// two OpenType/CFF collections. Optional: a report without such text does not need them.
/// </summary>
public sealed class CjkFonts
{
    public const string RegularFile = "NotoSansCJK-Regular.ttc";
    public const string BoldFile = "NotoSansCJK-Bold.ttc";

    private static readonly IReadOnlyList<string> SearchFolders =
    [
        "/usr/share/fonts/opentype/noto",
        "/usr/share/fonts/noto-cjk",
        "/usr/share/fonts/google-noto-cjk",
        "/usr/local/share/fonts",
        "/Library/Fonts",
    ];

    private static readonly Dictionary<CjkLanguage, string> Families = new()
    {
        [CjkLanguage.SimplifiedChinese] = "Noto Sans CJK SC",
        [CjkLanguage.Japanese] = "Noto Sans CJK JP",
        [CjkLanguage.Korean] = "Noto Sans CJK KR",
    };

    private readonly Dictionary<CjkLanguage, FontFace> _regular;
    private readonly Dictionary<CjkLanguage, FontFace> _bold;

    private CjkFonts(string regularPath, string boldPath)
    {
        _regular = Faces(regularPath);
        _bold = Faces(boldPath);
    }

    public FontFace Face(CjkLanguage language, bool bold) => (bold ? _bold : _regular)[language];

    /// <summary>The fonts in <paramref name="folder"/> when given, else in the first usual folder that has both; null when none has.</summary>
    public static CjkFonts? Find(string? folder, out IReadOnlyList<string> searched) =>
        FontFolders.Find(folder, SearchFolders, RegularFile, BoldFile, out searched) is { } files ? new CjkFonts(files.Regular, files.Bold) : null;

    /// <summary>The collection's face of each language, found by family name.</summary>
    private static Dictionary<CjkLanguage, FontFace> Faces(string path)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; ; index++)
        {
            using var typeface = SKTypeface.FromFile(path, index);
            if (typeface is null)
            {
                break;
            }

            indexes.TryAdd(typeface.FamilyName, index);
        }

        return Families.ToDictionary(f => f.Key, f => indexes.TryGetValue(f.Value, out var index)
            ? FontFace.Open(path, index)
            : throw new ReportFontException($"'{path}' has no face '{f.Value}' (it has {string.Join(", ", indexes.Keys)})."));
    }
}
