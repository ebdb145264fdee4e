using System.Text;

namespace Analytics.Metrics.Sentiment;

/// <summary>
/// A text as VADER reads it (vaderSentiment.py's SentiText): emojis replaced by their descriptions, split at white
/// space, punctuation stripped from a token's ends unless that leaves two characters or fewer (an emoticon such as
/// ":)" stays whole), and whether some but not all tokens are in capitals.
/// </summary>
internal sealed class VaderText
{
    // Python's string.punctuation.
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public VaderText(string text, SentimentLexicon lexicon)
    {
        Text = WithEmojisDescribed(text, lexicon).Trim();
        Words = [.. Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).SelectMany(SplitPythonSpace).Select(StripPunctuation)];
        Lower = [.. Words.Select(w => w.ToLowerInvariant())];
        var capitals = Words.Count(IsUpper);
        IsCapitalDifferent = capitals > 0 && capitals < Words.Length;
    }

    /// <summary>The text with emojis described, trimmed: what punctuation emphasis counts in.</summary>
    public string Text { get; }

    public string[] Words { get; }

    public string[] Lower { get; }

    /// <summary>Some words, not all, are in capitals: then a word in capitals is emphasised.</summary>
    public bool IsCapitalDifferent { get; }

    /// <summary>Python's str.isupper: at least one cased letter, and no lower-case or title-case one.</summary>
    public static bool IsUpper(string word)
    {
        var cased = false;
        foreach (var c in word)
        {
            if (char.IsLower(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                return false;
            }

            cased |= char.IsUpper(c);
        }

        return cased;
    }

    private static string WithEmojisDescribed(string text, SentimentLexicon lexicon)
    {
        var result = new StringBuilder(text.Length);
        var previousSpace = true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (lexicon.Emoji(rune) is { } description)
            {
                if (!previousSpace)
                {
                    result.Append(' ');
                }

                result.Append(description);
                previousSpace = false;
            }
            else
            {
                result.Append(rune.ToString());
                previousSpace = rune.Value == ' ';
            }
        }

        return result.ToString();
    }

    // TRICKY: Python's str.split() also splits at the ASCII information separators 0x1C-0x1F, which .NET does not
    // count as white space.
    private static IEnumerable<string> SplitPythonSpace(string token) =>
        token.Split(['\x1c', '\x1d', '\x1e', '\x1f'], StringSplitOptions.RemoveEmptyEntries);

    private static string StripPunctuation(string token)
    {
        var stripped = token.Trim(Punctuation.ToCharArray());
        return stripped.EnumerateRunes().Count() <= 2 ? token : stripped;
    }
}
