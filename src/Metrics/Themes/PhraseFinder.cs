namespace Analytics.Metrics.Themes;

/// <summary>Two adjacent topic words of the comments ("error message"): how often they stand side by side, and in how many comments.</summary>
public readonly record struct WordPair(string First, string Second, long Count, long Comments)
{
    /// <summary>The pair as stored and looked up: its two keys with a space between.</summary>
    public string Key => TopicMentions.PairKey(First, Second);
}

/// <summary>
/// Two adjacent topic words that are a phrase ("error message", "learning curve"): written side by side in at least
/// two comments, and more often than chance by Dunning's log-likelihood ratio (G² above 10.83, p &lt; 0.001) over all
/// the comments' topic words.
/// </summary>
public static class PhraseFinder
{
    private const int MinComments = 2;
    private const double CriticalValue = 10.83;

    /// <summary>
    /// The phrases (their <see cref="WordPair.Key"/>s, with the comments holding each) among <paramref name="pairs"/>,
    /// given how often each topic word is written (<paramref name="words"/>) and how many topic words there are in all
    /// (<paramref name="total"/>).
    /// </summary>
    public static Dictionary<string, long> Select(IEnumerable<WordPair> pairs, IReadOnlyDictionary<string, long> words, long total) =>
        pairs.Where(p => p.Comments >= MinComments && p.First != p.Second
                && IsCollocation(p.Count, words.GetValueOrDefault(p.First), words.GetValueOrDefault(p.Second), total))
            .ToDictionary(p => p.Key, p => p.Comments, StringComparer.Ordinal);

    /// <summary>The adjacent pairs of one comment's topic words (each occurrence), as <see cref="WordPair.Key"/>s.</summary>
    public static IEnumerable<string> PairsOf(IReadOnlyList<TopicToken> tokens) =>
        Enumerable.Range(0, Math.Max(tokens.Count - 1, 0))
            .Where(i => tokens[i + 1].Position == tokens[i].Position + 1 && tokens[i].Key != tokens[i + 1].Key)
            .Select(i => TopicMentions.PairKey(tokens[i].Key, tokens[i + 1].Key));

    /// <summary>Whether the pair is seen together more than the words' frequencies alone would make it, beyond chance.</summary>
    private static bool IsCollocation(long both, long first, long second, long total)
    {
        var (k11, k12, k21) = (both, first - both, second - both);
        var k22 = total - first - second + both;
        return both * (double)total > first * (double)second && LogLikelihoodRatio(k11, k12, k21, k22) > CriticalValue;
    }

    private static double LogLikelihoodRatio(long k11, long k12, long k21, long k22)
    {
        var rows = Entropy(k11 + k12, k21 + k22);
        var columns = Entropy(k11 + k21, k12 + k22);
        var matrix = Entropy(k11, k12, k21, k22);
        return Math.Max(0, 2 * (rows + columns - matrix));
    }

    private static double Entropy(params long[] counts) => XLogX(counts.Sum()) - counts.Sum(XLogX);

    private static double XLogX(long x) => x <= 0 ? 0 : x * Math.Log(x);
}
