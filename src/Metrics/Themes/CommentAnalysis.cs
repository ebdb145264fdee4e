using System.Collections.Concurrent;
using Analytics.Metrics.Sentiment;

namespace Analytics.Metrics.Themes;

/// <summary>What one comment says: its topic words in order, and its sentiment (null in a language VADER does not cover).</summary>
public sealed record AnalyzedComment(IReadOnlyList<TopicToken> Tokens, CommentSentiment? Sentiment);

/// <summary>
/// Analyses comments once per text and keeps the result: a query over a window re-reads many comments it has seen,
/// and tokenising, stemming and scoring cost far more than a lookup. Bounded: past <see cref="MaxEntries"/> texts the
/// cache starts again empty.
/// </summary>
public sealed class CommentAnalysis
{
    /// <summary>Texts kept before the cache is emptied (a text and its analysis take a few hundred bytes to a kilobyte).</summary>
    public const int MaxEntries = 300_000;

    private readonly ConcurrentDictionary<string, AnalyzedComment> _cache = new(StringComparer.Ordinal);

    public int Count => _cache.Count;

    public AnalyzedComment Analyze(string comment)
    {
        if (_cache.TryGetValue(comment, out var known))
        {
            return known;
        }

        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(comment, Compute);
    }

    /// <summary>English and Chinese comments get topic words; comments in other languages only count.</summary>
    public static AnalyzedComment Compute(string comment)
    {
        var sentiment = CommentAnalyzer.Classify(comment);
        var tokens = sentiment is not null ? EnglishTopics.Tokens(comment)
            : LanguageCoverage.ScriptOf(comment) == CommentScript.Han ? ChineseTopics.Tokens(comment)
            : [];
        return new AnalyzedComment(tokens, sentiment);
    }
}
