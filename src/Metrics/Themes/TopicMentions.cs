namespace Analytics.Metrics.Themes;

/// <summary>
/// What one comment mentions, given the phrases of all comments and the comments holding each: a phrase where two of its
/// adjacent topic words form one (a noun led by a noun or a modifier; where two phrases overlap, as "cryptic error" and
/// "error message" in "cryptic error messages", the one more comments hold), and each of its other topic words that is a noun; so
/// "error messages" counts for "error message" and not for "error" or "message" unless they stand elsewhere in the
/// comment too. Words group by their key (a stem), each once per comment.
/// </summary>
public static class TopicMentions
{
    public static string PairKey(string first, string second) => $"{first} {second}";

    /// <summary>The two keys of a <see cref="PairKey"/>.</summary>
    public static (string First, string Second) PairWords(string pair)
    {
        var space = pair.IndexOf(' ', StringComparison.Ordinal);
        return (pair[..space], pair[(space + 1)..]);
    }

    /// <summary>
    /// The phrases whose change from <paramref name="before"/> to <paramref name="now"/> can change what a comment
    /// mentions: those added or removed, and two overlapping phrases ("a b", "b c") whose order by comments changed.
    /// </summary>
    public static HashSet<string> Changed(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> now)
    {
        var changed = now.Keys.Where(p => !before.ContainsKey(p)).Concat(before.Keys.Where(p => !now.ContainsKey(p))).ToHashSet(StringComparer.Ordinal);
        var byFirstWord = now.Keys.ToLookup(p => PairWords(p).First, StringComparer.Ordinal);
        foreach (var left in now.Keys)
        {
            foreach (var right in byFirstWord[PairWords(left).Second])
            {
                if (before.TryGetValue(left, out var l) && before.TryGetValue(right, out var r)
                    && l.CompareTo(r) != now[left].CompareTo(now[right]))
                {
                    changed.UnionWith([left, right]);
                }
            }
        }

        return changed;
    }

    /// <summary>The topics one comment mentions (key and surface), each once: phrases first, then the words they leave.</summary>
    public static List<(string Key, string Surface)> Of(IReadOnlyList<TopicToken> tokens, IReadOnlyDictionary<string, long> phrases)
    {
        var used = new bool[tokens.Count];
        var found = new List<(string Key, string Surface)>();
        var candidates = Enumerable.Range(0, Math.Max(tokens.Count - 1, 0))
            .Select(i => (At: i, Key: PairKey(tokens[i].Key, tokens[i + 1].Key)))
            .Where(c => tokens[c.At + 1].Position == tokens[c.At].Position + 1 && tokens[c.At].Role != TopicRole.Other
                && tokens[c.At + 1].Role == TopicRole.Noun && phrases.ContainsKey(c.Key))
            .OrderByDescending(c => phrases[c.Key]).ThenBy(c => c.At);
        foreach (var (i, key) in candidates)
        {
            if (!used[i] && !used[i + 1])
            {
                (used[i], used[i + 1]) = (true, true);
                found.Add((key, $"{tokens[i].Surface} {tokens[i + 1].Surface}"));
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

    /// <summary>A topic's name: its most written form, in the singular when the comments write that too ("packages" → "package").</summary>
    public static string Name(IReadOnlyDictionary<string, long> surfaces)
    {
        var written = surfaces.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
        var singular = EnglishTopics.Singular(written);
        return surfaces.ContainsKey(singular) ? singular : written;
    }
}
