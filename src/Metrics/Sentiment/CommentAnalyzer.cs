namespace Analytics.Metrics.Sentiment;

/// <summary>Whether a comment reads positive, neutral or negative.</summary>
public enum CommentSentiment
{
    Positive,
    Neutral,
    Negative,
}

/// <summary>
/// A comment's sentiment: VADER's compound score cut at VADER's usual ±0.05, or none when the comment is in a
/// language VADER does not cover (see <see cref="LanguageCoverage"/>).
/// </summary>
public static class CommentAnalyzer
{
    private const double Threshold = 0.05;

    public static CommentSentiment? Classify(string comment) =>
        LanguageCoverage.CoveredByVader(comment) ? Of(VaderAnalyzer.Shared.PolarityScores(comment).Compound) : null;

    /// <summary>Positive from a compound score of 0.05, negative from −0.05, neutral between.</summary>
    public static CommentSentiment Of(double compound) =>
        compound >= Threshold ? CommentSentiment.Positive : compound <= -Threshold ? CommentSentiment.Negative : CommentSentiment.Neutral;
}
