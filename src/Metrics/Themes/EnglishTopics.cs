using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Analytics.Metrics.Themes;

/// <summary>
/// An English comment's topic words through Lucene's analysis: the standard tokenizer (words, not numbers or
/// ideographs), possessives dropped, lower case, stop words and how-words removed (<see cref="EnglishWords"/>), then
/// Krovetz's stemmer (KStem), which keeps real words ("packages" → "package", "messages" → "message"). Each word carries
/// its part of speech (<see cref="PartOfSpeech"/>): only nouns name a topic on their own.
/// </summary>
public static class EnglishTopics
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly EnglishMinimalStemmer Stemmer = new();

    public static IReadOnlyList<TopicToken> Tokens(string comment)
    {
        var tokens = new List<TopicToken>();
        using var tokenizer = new StandardTokenizer(Version, new StringReader(comment));
        using TokenStream stream = new KStemFilter(new TopicFilter(new LowerCaseFilter(Version, new EnglishPossessiveFilter(Version, tokenizer))));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            var surface = Surface(comment, offset.StartOffset, offset.EndOffset);
            tokens.Add(new TopicToken(term.ToString(), surface, position, PartOfSpeech.RoleOf(surface, PreviousWord(comment, offset.StartOffset))));
        }

        stream.End();
        return tokens;
    }

    /// <summary>
    /// The word, or a phrase's last word, in the singular by Lucene's minimal English stemmer ("messages" → "message"):
    /// a guess, which <see cref="TopicMentions.Name"/> uses only when the comments also write it.
    /// </summary>
    public static string Singular(string words)
    {
        var last = words.LastIndexOf(' ') + 1;
        var word = words[last..].ToCharArray();
        return words[..last] + new string(word, 0, Stemmer.Stem(word, word.Length));
    }

    /// <summary>The word written just before <paramref name="start"/>, lower case, when only spaces stand between them.</summary>
    private static string? PreviousWord(string comment, int start)
    {
        var end = start;
        while (end > 0 && comment[end - 1] == ' ')
        {
            end--;
        }

        var begin = end;
        while (begin > 0 && (char.IsLetter(comment[begin - 1]) || comment[begin - 1] == '\''))
        {
            begin--;
        }

        return begin < end ? comment[begin..end].ToLowerInvariant() : null;
    }

    /// <summary>The word as written, lower case, without a possessive "'s".</summary>
    private static string Surface(string comment, int start, int end)
    {
        var word = comment[start..end].ToLowerInvariant().Replace('’', '\'');
        return word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word.TrimEnd('\'');
    }

    /// <summary>Keeps words (the tokenizer's alphanumeric type) of two letters or more that may be topics; positions of the others stay empty.</summary>
    private sealed class TopicFilter(TokenStream input) : FilteringTokenFilter(Version, input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();
        private readonly ITypeAttribute _type = input.AddAttribute<ITypeAttribute>();

        protected override bool Accept()
        {
            if (_type.Type != StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM] || _term.Length < 2)
            {
                return false;
            }

            var word = _term.ToString();
            return !word.All(char.IsDigit) && !EnglishWords.IsNotTopic(word.Replace('’', '\''));
        }
    }
}
