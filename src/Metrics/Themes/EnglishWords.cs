using System.Text;
using Analytics.Metrics.Sentiment;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Analytics.Metrics.Themes;

/// <summary>
/// English words that are not topics: the stop words of Lucene's English analyzer, of its Snowball English stop list
/// and jieba's English ones (pronouns, auxiliaries, modals, prepositions…), VADER's negations and degree adverbs, and
/// the sentiment lexicon's words,
/// which say how something is ("great", "slow") — but for the few lexicon words that name what a comment is about.
/// </summary>
public static class EnglishWords
{
    /// <summary>Lucene's and jieba's English stop sets, joined (lower case).</summary>
    public static CharArraySet StopWords { get; } = LoadStopWords();

    /// <summary>
    /// Lexicon words that name a subject ("support", "error messages", "security"): the lexicon rates them because they
    /// lean one way, but customers talk about them, so they stay topics.
    /// </summary>
    private static readonly HashSet<string> LexiconSubjects = new(StringComparer.Ordinal)
    {
        "support", "help", "value", "security", "error", "errors", "problem", "problems", "crash",
        "trust", "care", "solution", "solutions", "pain", "freedom", "fun", "promise", "promises",
    };

    /// <summary>Whether a lower-case word is a stop word or only says how.</summary>
    public static bool IsNotTopic(string lowerWord) =>
        StopWords.Contains(lowerWord) || VaderRules.IsNegation(lowerWord) || VaderRules.Boosters.ContainsKey(lowerWord)
        || (SentimentLexicon.Vader.Contains(lowerWord) && !LexiconSubjects.Contains(lowerWord));

    /// <summary>Whether a lower-case word is a known English word: a stop word, a negation, a booster or a lexicon word.</summary>
    public static bool IsKnown(string lowerWord) =>
        StopWords.Contains(lowerWord) || VaderRules.IsNegation(lowerWord) || VaderRules.Boosters.ContainsKey(lowerWord)
        || SentimentLexicon.Vader.Contains(lowerWord);

    private static CharArraySet LoadStopWords()
    {
        using var reader = IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8);
        var snowball = WordlistLoader.GetSnowballWordSet(reader, LuceneVersion.LUCENE_48);
        var words = new CharArraySet(LuceneVersion.LUCENE_48, snowball, ignoreCase: false);
        words.UnionWith(EnglishAnalyzer.DefaultStopSet);
        words.UnionWith(ChineseTopics.StopWords.Where(w => w.All(char.IsAsciiLetterLower)));
        return words.AsReadOnly();
    }
}
