using System.Text;

namespace Analytics.Reports.Rendering.Fonts;

/// <summary>The language whose Noto Sans CJK face draws a text's Chinese, Japanese or Korean characters.</summary>
public enum CjkLanguage
{
    SimplifiedChinese,
    Japanese,
    Korean,
}

/// <summary>Which characters are Chinese, Japanese or Korean, and which language a text is in (as far as its characters tell).</summary>
public static class CjkScript
{
    /// <summary>Han ideographs, kana, Hangul, Bopomofo and the CJK symbols, punctuation and full-width forms.</summary>
    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x11FF => true,    // Hangul Jamo
        >= 0x2E80 and <= 0x2FDF => true,    // CJK radicals, Kangxi radicals
        >= 0x3000 and <= 0x33FF => true,    // CJK symbols and punctuation, kana, Bopomofo, compatibility Jamo, enclosed CJK
        >= 0x3400 and <= 0x4DBF => true,    // CJK Unified Ideographs Extension A
        >= 0x4E00 and <= 0x9FFF => true,    // CJK Unified Ideographs
        >= 0xA960 and <= 0xA97F => true,    // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7FF => true,    // Hangul syllables, Jamo Extended-B
        >= 0xF900 and <= 0xFAFF => true,    // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,    // CJK compatibility forms
        >= 0xFF00 and <= 0xFFEF => true,    // half-width and full-width forms
        >= 0x20000 and <= 0x3FFFF => true,  // ideographs of the supplementary planes
        _ => false,
    };

    /// <summary>
    /// Japanese when the text has kana, Korean when it has Hangul, else Simplified Chinese. Han characters alone do not
    /// tell Chinese from Japanese; their shapes differ slightly between the faces, so a text is drawn in one face.
    /// </summary>
    public static CjkLanguage LanguageOf(string text)
    {
        var korean = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsKana(rune.Value))
            {
                return CjkLanguage.Japanese;
            }

            korean |= IsHangul(rune.Value);
        }

        return korean ? CjkLanguage.Korean : CjkLanguage.SimplifiedChinese;
    }

    /// <summary>
    /// Whether a line may break before or after the character without a space: Han ideographs, kana and CJK
    /// punctuation (Korean, like English, breaks at spaces).
    /// </summary>
    public static bool BreaksAround(Rune rune) => IsCjk(rune) && !IsHangul(rune.Value);

    private static bool IsKana(int c) => c is >= 0x3040 and <= 0x30FF or >= 0x31F0 and <= 0x31FF or >= 0xFF66 and <= 0xFF9F;

    private static bool IsHangul(int c) => c is >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F or >= 0xA960 and <= 0xA97F or >= 0xAC00 and <= 0xD7FF or >= 0xFFA0 and <= 0xFFDC;
}
