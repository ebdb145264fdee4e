namespace Analytics.Metrics.Themes;

/// <summary>
/// A word of a comment that may name a topic: <paramref name="Key"/> groups its inflections (an English stem, a
/// Chinese word), <paramref name="Surface"/> is the word as written (lower case), <paramref name="Position"/> its place
/// among the comment's words, stop words included, so two tokens are adjacent only when nothing stood between them.
/// </summary>
public readonly record struct TopicToken(string Key, string Surface, int Position);
