namespace Analytics.Metrics.Themes;

/// <summary>
/// Two adjacent topic words that are a phrase ("error message", "learning curve"): written side by side in at least
/// two comments, and more often than chance by Dunning's log-likelihood ratio (G² above 10.83, p &lt; 0.001) over the
/// window's topic words.
/// </summary>
internal static class PhraseFinder
{
    private const int MinComments = 2;
    private const double CriticalValue = 10.83;

    /// <summary>The phrases of the comments, each with the number of comments that hold it.</summary>
    public static Dictionary<(string First, string Second), int> Find(IReadOnlyList<IReadOnlyList<TopicToken>> comments)
    {
        var words = new Dictionary<string, long>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), (long Count, int Comments)>();
        long total = 0;
        foreach (var tokens in comments)
        {
            total += tokens.Count;
            HashSet<(string, string)>? seen = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                words[tokens[i].Key] = words.GetValueOrDefault(tokens[i].Key) + 1;
                if (i + 1 < tokens.Count && tokens[i + 1].Position == tokens[i].Position + 1 && tokens[i].Key != tokens[i + 1].Key)
                {
                    var pair = (tokens[i].Key, tokens[i + 1].Key);
                    var (count, inComments) = pairs.GetValueOrDefault(pair);
                    var first = (seen ??= []).Add(pair);
                    pairs[pair] = (count + 1, inComments + (first ? 1 : 0));
                }
            }
        }

        return pairs.Where(p => p.Value.Comments >= MinComments
                && IsCollocation(p.Value.Count, words[p.Key.Item1], words[p.Key.Item2], total))
            .ToDictionary(p => p.Key, p => p.Value.Comments);
    }

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
