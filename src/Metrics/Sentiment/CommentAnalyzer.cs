using System.Text.RegularExpressions;

namespace Analytics.Metrics.Sentiment;

/// <summary>Whether a comment reads positive, neutral or negative.</summary>
public enum CommentSentiment
{
    Positive,
    Neutral,
    Negative,
}

/// <summary>
/// Classifies a comment with the VADER lexicon and picks its theme words. A reduced VADER: the valences of the
/// comment's words are summed, a word within three words after a negation ("not", "never", "…n't") counts −0.74 times
/// its valence, and the sum is normalised as VADER does (x ÷ √(x² + 15)) and cut at VADER's usual ±0.05. VADER's
/// boosters, capitals, "but" and punctuation rules are left out: they move scores, rarely the sign.
/// </summary>
public static partial class CommentAnalyzer
{
    private const double NegationScalar = -0.74;
    private const double Alpha = 15;
    private const double Threshold = 0.05;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without",
    };

    /// <summary>Words too common to be a theme (a short English stop list).</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "was", "were", "but", "you", "your", "our", "its", "this", "that", "these", "those",
        "with", "from", "have", "has", "had", "they", "them", "their", "there", "what", "when", "which", "who", "will",
        "would", "could", "should", "can", "all", "any", "more", "most", "some", "very", "much", "many", "just", "also",
        "too", "than", "then", "into", "out", "about", "been", "being", "did", "does", "doing", "get", "got", "how",
        "one", "only", "over", "own", "same", "she", "her", "him", "his", "ours", "it's", "i'm", "we're", "use",
        "using", "used", "really", "even", "still", "way", "lot", "bit", "thing", "things",
    };

    public static CommentSentiment Classify(string comment, SentimentLexicon lexicon)
    {
        var words = Words(comment);
        var sum = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            if (lexicon.Valence(words[i]) is not { } valence)
            {
                continue;
            }

            var negated = words.Skip(Math.Max(0, i - 3)).Take(Math.Min(3, i)).Any(IsNegation);
            sum += negated ? valence * NegationScalar : valence;
        }

        var compound = sum / Math.Sqrt((sum * sum) + Alpha);
        return compound >= Threshold ? CommentSentiment.Positive : compound <= -Threshold ? CommentSentiment.Negative : CommentSentiment.Neutral;
    }

    /// <summary>
    /// The comment's theme words, each once: words of three letters or more that are neither stop words, negations
    /// nor in the sentiment lexicon ("support" in "great support"; "great" says how, not what).
    /// </summary>
    public static IEnumerable<string> Themes(string comment, SentimentLexicon lexicon) => Words(comment)
        .Select(w => w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w)
        .Where(w => w.Length >= 3 && !StopWords.Contains(w) && !IsNegation(w) && lexicon.Valence(w) is null)
        .Distinct(StringComparer.Ordinal);

    private static bool IsNegation(string word) => Negations.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);

    private static List<string> Words(string comment) =>
        [.. WordPattern().Matches(comment.ToLowerInvariant().Replace('’', '\'')).Select(m => m.Value.Trim('\''))];

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
