namespace Analytics.Metrics.Tests.Metrics.Sentiment;

/// <summary>
/// The port of VADER against what its authors publish: the examples of vaderSentiment's README with their printed
/// scores, the "tricky sentences" of its demo, and 2,797 real comments scored by vaderSentiment.py itself.
/// </summary>
public sealed class VaderAnalyzerTests
{
    private static readonly VaderAnalyzer Vader = VaderAnalyzer.Shared;

    [Fact]
    public void The_shipped_lexicons_are_VADERs()
    {
        // 7,520 lines repeat 14 tokens (the later line wins, as in VADER's loader); 1,212 emojis are one code point.
        var lexicon = SentimentLexicon.Vader;
        Assert.Equal(7506, lexicon.Count);
        Assert.Equal((3.1, -2.5, null, 3.2), (lexicon.Valence("great"), lexicon.Valence("bad"), lexicon.Valence("dashboard"), lexicon.Valence("heart")));
        Assert.Equal("beaming face with smiling eyes", lexicon.Emoji(new System.Text.Rune(0x1F601)));
    }

    /// <summary>The README's examples and its printed output (neg, neu, pos, compound).</summary>
    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316)]
    [InlineData("VADER is smart, handsome, and funny!", 0.0, 0.248, 0.752, 0.8439)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.0, 0.299, 0.701, 0.8545)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.0, 0.246, 0.754, 0.9227)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY!!!", 0.0, 0.233, 0.767, 0.9342)]
    [InlineData("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.0, 0.294, 0.706, 0.9469)]
    [InlineData("VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0, -0.7424)]
    [InlineData("The book was good.", 0.0, 0.508, 0.492, 0.4404)]
    [InlineData("The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832)]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.", 0.327, 0.579, 0.094, -0.7042)]
    [InlineData("Today SUX!", 0.779, 0.221, 0.0, -0.5461)]
    [InlineData("Today only kinda sux! But I'll get by, lol", 0.127, 0.556, 0.317, 0.5249)]
    [InlineData("Make sure you :) or :D today!", 0.0, 0.294, 0.706, 0.8633)]
    [InlineData("Not bad at all", 0.0, 0.513, 0.487, 0.431)]
    public void The_READMEs_examples_score_as_printed(string text, double negative, double neutral, double positive, double compound) =>
        Assert.Equal(new VaderScores(negative, neutral, positive, compound), Vader.PolarityScores(text));

    [Fact]
    public void The_READMEs_two_examples_that_later_versions_changed()
    {
        // Printed as {neg 0.0, neu 0.637, pos 0.363, compound 0.431}: the compound still is; the shares changed with a
        // later vaderSentiment.py, whose scores this port gives (checked with it).
        Assert.Equal(new VaderScores(0.0, 0.678, 0.322, 0.431), Vader.PolarityScores("At least it isn't a horrible book."));

        // Printed as 0.7003, before "heart" (3.2) joined the lexicon: 💘 is "heart with arrow". With the npm lexicon
        // this project shipped before (no "heart"), vaderSentiment.py gives 0.7003 again.
        Assert.Equal(new VaderScores(0.0, 0.583, 0.417, 0.875), Vader.PolarityScores("Catch utf-8 emoji such as 💘 and 💋 and 😁"));
    }

    /// <summary>The demo's tricky sentences, scored by vaderSentiment.py (the demo prints no figures for them).</summary>
    [Theory]
    [InlineData("Sentiment analysis has never been good.", -0.3412)]
    [InlineData("Sentiment analysis has never been this good!", 0.5672)]
    [InlineData("Most automated sentiment analysis tools are shit.", -0.5574)]
    [InlineData("With VADER, sentiment analysis is the shit!", 0.6476)]
    [InlineData("Other sentiment analysis tools can be quite bad.", -0.5849)]
    [InlineData("On the other hand, VADER is quite bad ass", 0.802)]
    [InlineData("VADER is such a badass!", 0.4003)]
    [InlineData("Without a doubt, excellent idea.", 0.7013)]
    [InlineData("Roger Dodger is one of the most compelling variations on this theme.", 0.2944)]
    [InlineData("Roger Dodger is at least compelling as a variation on the theme.", 0.2263)]
    [InlineData("Roger Dodger is one of the least compelling variations on this theme.", -0.1695)]
    [InlineData("Not such a badass after all.", -0.2584)]
    [InlineData("great tool but bad docs", -0.4939)]
    [InlineData("It was never so easy", 0.6626)]
    [InlineData("The docs are kind of good", 0.3832)]
    [InlineData("Support is the least helpful team", 0.0946)]
    public void Tricky_sentences_score_as_vaderSentiment_scores_them(string text, double compound) =>
        Assert.Equal(compound, Vader.PolarityScores(text).Compound);

    [Fact]
    public void But_makes_great_tool_but_bad_docs_negative()
    {
        // Without the rule the sum would be 3.1 − 2.5 > 0; VADER halves "great" and takes "bad" one and a half times.
        Assert.Equal(new VaderScores(0.461, 0.291, 0.248, -0.4939), Vader.PolarityScores("great tool but bad docs"));
        Assert.Equal(CommentSentiment.Negative, CommentAnalyzer.Classify("great tool but bad docs"));
    }

    [Fact]
    public void Real_comments_score_as_vaderSentiment_scores_them()
    {
        var survey = File.ReadAllLines(Analytics.Testing.Datasets.PathOf("rstudio_r_community_survey/2019_english_responses.tsv"));
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Metrics", "Sentiment", "vader-rsurvey-2019.tsv"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();

        var differences = expected
            .Select(e => (Text: survey[int.Parse(e[0], CultureInfo.InvariantCulture) - 1].Split('\t')[int.Parse(e[1], CultureInfo.InvariantCulture) - 1],
                Expected: new VaderScores(Number(e[2]), Number(e[3]), Number(e[4]), Number(e[5]))))
            .Where(e => Vader.PolarityScores(e.Text) != e.Expected).Select(e => e.Text).ToList();

        Assert.Equal(2797, expected.Count);
        Assert.Empty(differences);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
