using System.Text.RegularExpressions;
using Analytics.Metrics.Themes;

namespace Analytics.Metrics.Sentiment;

/// <summary>The script most of a comment's letters are in.</summary>
public enum CommentScript
{
    /// <summary>No letters at all (digits, emoticons, emojis).</summary>
    None,
    Latin,

    /// <summary>Chinese characters, with no Japanese kana or Korean Hangul.</summary>
    Han,
    Japanese,
    Korean,
    Other,
}

/// <summary>
/// Whether VADER, an English model, covers a comment: most of its letters Latin, and either few words (under six: too
/// short to tell) or at least a tenth of them English (a stop word, a negation, a degree adverb or a lexicon word). A
/// French or Chinese comment gets no sentiment rather than a wrong "neutral"; a terse English list of nouns
/// ("exploring medium sized datasets") still counts as English.
/// </summary>
public static partial class LanguageCoverage
{
    private const int WordsToTell = 6;
    private const double EnglishShare = 0.1;

    public static bool CoveredByVader(string comment)
    {
        if (ScriptOf(comment) is not (CommentScript.Latin or CommentScript.None))
        {
            return false;
        }

        var words = WordPattern().Matches(comment).Select(m => m.Value.ToLowerInvariant()).ToList();
        return words.Count < WordsToTell || words.Count(EnglishWords.IsKnown) >= EnglishShare * words.Count;
    }

    /// <summary>The script of most of the comment's letters; Han text with any kana is Japanese, with any Hangul Korean.</summary>
    public static CommentScript ScriptOf(string comment)
    {
        int latin = 0, han = 0, kana = 0, hangul = 0, other = 0;
        foreach (var rune in comment.EnumerateRunes())
        {
            if (!System.Text.Rune.IsLetter(rune))
            {
                continue;
            }

            switch (rune.Value)
            {
                case <= 0x024F or (>= 0x1E00 and <= 0x1EFF):
                    latin++;
                    break;
                case (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0xFF66 and <= 0xFF9F):
                    kana++;
                    break;
                case (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F):
                    hangul++;
                    break;
                case (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FFFF):
                    han++;
                    break;
                default:
                    other++;
                    break;
            }
        }

        var cjk = han + kana + hangul;
        if (latin + cjk + other == 0)
        {
            return CommentScript.None;
        }

        if (latin >= cjk + other)
        {
            return CommentScript.Latin;
        }

        return cjk < other ? CommentScript.Other : hangul > 0 ? CommentScript.Korean : kana > 0 ? CommentScript.Japanese : CommentScript.Han;
    }

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*")]
    private static partial Regex WordPattern();
}
