namespace Analytics.Metrics.Themes;

/// <summary>
/// A word of a comment that may name a topic: <paramref name="Key"/> groups its inflections (an English stem, a
/// Chinese word), <paramref name="Surface"/> is the word as written (lower case), <paramref name="Position"/> its place
/// among the comment's words, stop words included, so two tokens are adjacent only when nothing stood between them.
/// <paramref name="Role"/> says whether it can name a topic on its own (a noun), only lead a phrase, or neither.
/// </summary>
public readonly record struct TopicToken(string Key, string Surface, int Position, TopicRole Role = TopicRole.Noun);

/// <summary>What a word may be in a topic: a noun names one ("pricing", "error message"); a modifier only leads a noun in a phrase ("learning curve").</summary>
public enum TopicRole
{
    Noun,
    Modifier,
    Other,
}
