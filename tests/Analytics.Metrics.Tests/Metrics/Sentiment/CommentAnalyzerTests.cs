using Analytics.Metrics.Sentiment;

namespace Analytics.Metrics.Tests.Metrics.Sentiment;

public sealed class CommentAnalyzerTests
{
    private static readonly SentimentLexicon Lexicon = SentimentLexicon.Vader;

    [Fact]
    public void The_shipped_lexicon_is_the_whole_VADER_lexicon()
    {
        // The file's 7,517 lines repeat 14 tokens (emoticons, "lol", "ok"…); the later line wins, as in VADER's own loader.
        Assert.Equal(7503, Lexicon.Count);
        Assert.Equal((3.1, -2.5, null), (Lexicon.Valence("great"), Lexicon.Valence("bad"), Lexicon.Valence("dashboard")));
    }

    [Theory]
    [InlineData("Great support", CommentSentiment.Positive)]
    [InlineData("The export is broken", CommentSentiment.Negative)]
    [InlineData("Not good", CommentSentiment.Negative)]
    [InlineData("It is not bad at all", CommentSentiment.Positive)]
    [InlineData("I don’t like the docs", CommentSentiment.Negative)]
    [InlineData("Pricing page", CommentSentiment.Neutral)]
    [InlineData("", CommentSentiment.Neutral)]
    [InlineData("GREAT product!!", CommentSentiment.Positive)]
    public void A_comment_reads_positive_neutral_or_negative(string comment, CommentSentiment expected) =>
        Assert.Equal(expected, CommentAnalyzer.Classify(comment, Lexicon));

    [Theory]
    [InlineData("Great dashboard, love the reports", new[] { "dashboard", "reports" })]
    [InlineData("The dashboard's export: not the export we need", new[] { "dashboard", "export", "need" })]
    [InlineData("It is not bad at all", new string[0])]
    public void Themes_are_the_content_words_once_each(string comment, string[] themes) =>
        Assert.Equal(themes, CommentAnalyzer.Themes(comment, Lexicon));
}
