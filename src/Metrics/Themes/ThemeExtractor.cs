using Analytics.Metrics.Sentiment;

namespace Analytics.Metrics.Themes;

/// <summary>A comment to find themes in: its text, its NPS score when it answers the NPS survey, and its analysis.</summary>
public sealed record ThemeComment(string Text, int? NpsScore, AnalyzedComment Analysis);

/// <summary>
/// A topic of the comments: its name, the comments that mention it, their share of all comments, their sentiment
/// (a comment without sentiment counts in none), the NPS of the NPS answers among them, and some of them verbatim.
/// </summary>
public sealed record ThemeFigures(
    string Name, long Comments, double Share, long Positive, long Neutral, long Negative, double? NpsOfMentioners, IReadOnlyList<string> Examples);

/// <summary>
/// Finds the topics of a set of comments. A comment mentions a phrase (<see cref="PhraseFinder"/>) where two of its
/// adjacent topic words form one (a noun, led by a noun or a modifier), and each of its other topic words that is a noun; so "error messages" counts for "error message"
/// and not for "error" or "message" unless they stand elsewhere in the comment too. Words group by their key (a stem),
/// and a topic is named by its most written form, in the singular when that is written too ("package" for "packages").
/// Topics are ranked by the comments that mention them, then by name.
/// </summary>
public static class ThemeExtractor
{
    /// <summary>The most examples a theme keeps.</summary>
    public const int MaxExamples = 10;

    public static IReadOnlyList<ThemeFigures> Extract(IReadOnlyList<ThemeComment> comments, int first)
    {
        var phrases = PhraseFinder.Find(comments.Select(c => c.Analysis.Tokens).ToList());
        var mentions = comments.Select(c => Mentions(c.Analysis.Tokens, phrases)).ToList();
        var counts = mentions.SelectMany(m => m.Select(x => x.Key)).CountBy(k => k, StringComparer.Ordinal).ToList();
        if (counts.Count == 0 || first == 0)
        {
            return [];
        }

        // Only the topics that can make the list are gathered: as many as their count ties with the last one's, so
        // that ties break on the names shown.
        var least = counts.Select(c => c.Value).OrderDescending().ElementAt(Math.Min(first, counts.Count) - 1);
        var accumulators = counts.Where(c => c.Value >= least).ToDictionary(c => c.Key, _ => new Accumulator(), StringComparer.Ordinal);
        for (var i = 0; i < comments.Count; i++)
        {
            foreach (var (key, surface) in mentions[i])
            {
                accumulators.GetValueOrDefault(key)?.Add(comments[i], surface);
            }
        }

        return [.. accumulators.Select(a => a.Value.Figures(a.Key, comments.Count))
            .OrderByDescending(t => t.Comments).ThenBy(t => t.Name, StringComparer.Ordinal).Take(first)];
    }

    /// <summary>The topics one comment mentions (key and surface), each once: phrases first, then the words they leave.</summary>
    private static List<(string Key, string Surface)> Mentions(IReadOnlyList<TopicToken> tokens, Dictionary<(string, string), int> phrases)
    {
        var used = new bool[tokens.Count];
        var found = new List<(string Key, string Surface)>();
        var candidates = Enumerable.Range(0, Math.Max(tokens.Count - 1, 0))
            .Where(i => tokens[i + 1].Position == tokens[i].Position + 1 && phrases.ContainsKey((tokens[i].Key, tokens[i + 1].Key))
                && tokens[i].Role != TopicRole.Other && tokens[i + 1].Role == TopicRole.Noun)
            .OrderByDescending(i => phrases[(tokens[i].Key, tokens[i + 1].Key)]).ThenBy(i => i);
        foreach (var i in candidates)
        {
            if (!used[i] && !used[i + 1])
            {
                (used[i], used[i + 1]) = (true, true);
                found.Add(($"{tokens[i].Key} {tokens[i + 1].Key}", $"{tokens[i].Surface} {tokens[i + 1].Surface}"));
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (!used[i] && tokens[i].Role == TopicRole.Noun)
            {
                found.Add((tokens[i].Key, tokens[i].Surface));
            }
        }

        return [.. found.DistinctBy(f => f.Key, StringComparer.Ordinal)];
    }

    private sealed class Accumulator
    {
        private readonly Dictionary<string, int> _surfaces = new(StringComparer.Ordinal);
        private readonly List<string> _examples = [];
        private long _comments, _positive, _neutral, _negative, _nps, _promoters, _detractors;

        public void Add(ThemeComment comment, string surface)
        {
            _comments++;
            _surfaces[surface] = _surfaces.GetValueOrDefault(surface) + 1;
            switch (comment.Analysis.Sentiment)
            {
                case CommentSentiment.Positive: _positive++; break;
                case CommentSentiment.Neutral: _neutral++; break;
                case CommentSentiment.Negative: _negative++; break;
            }

            if (comment.NpsScore is { } score)
            {
                _nps++;
                _promoters += score >= 9 ? 1 : 0;
                _detractors += score <= 6 ? 1 : 0;
            }

            if (_examples.Count < MaxExamples)
            {
                _examples.Add(comment.Text);
            }
        }

        public ThemeFigures Figures(string key, int allComments) => new(
            Name(key), _comments, (double)_comments / allComments, _positive, _neutral, _negative,
            _nps == 0 ? null : 100.0 * (_promoters - _detractors) / _nps, _examples);

        /// <summary>The most written form, in the singular when the comments write that too ("packages" → "package").</summary>
        private string Name(string key)
        {
            var written = _surfaces.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
            var singular = EnglishTopics.Singular(written);
            return _surfaces.ContainsKey(singular) ? singular : written;
        }
    }
}
