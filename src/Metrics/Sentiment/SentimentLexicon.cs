using System.Buffers;
using System.Globalization;
using System.Text;

namespace Analytics.Metrics.Sentiment;

/// <summary>
/// The VADER sentiment lexicon (Hutto and Gilbert, 2014; MIT, see NOTICE.txt): a word's mean valence from −4 to +4, and
/// VADER's emoji lexicon (an emoji's description in words), read once from the data files embedded in this assembly.
/// </summary>
public sealed class SentimentLexicon
{
    private const string WordsResource = "Analytics.Metrics.Sentiment.vader_lexicon.txt";
    private const string EmojiResource = "Analytics.Metrics.Sentiment.emoji_utf8_lexicon.txt";
    private static readonly Lazy<SentimentLexicon> Shared = new(Load);
    private readonly Dictionary<string, double> _valences;
    private readonly Dictionary<int, string> _emojis;

    private SentimentLexicon(Dictionary<string, double> valences, Dictionary<int, string> emojis)
    {
        _valences = valences;
        _emojis = emojis;
    }

    /// <summary>The lexicon shipped with the server.</summary>
    public static SentimentLexicon Vader => Shared.Value;

    public int Count => _valences.Count;

    /// <summary>The word's valence, or null when the lexicon does not know it (a neutral word).</summary>
    public double? Valence(string word) => _valences.TryGetValue(word, out var valence) ? valence : null;

    public bool Contains(string word) => _valences.ContainsKey(word);

    /// <summary>The description of a one-code-point emoji ("beaming face with smiling eyes"), or null.</summary>
    public string? Emoji(Rune rune) => _emojis.GetValueOrDefault(rune.Value);

    private static SentimentLexicon Load()
    {
        // Each line: token, mean valence, standard deviation, the ten raw ratings; tab-separated. A later line wins.
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var fields in Lines(WordsResource))
        {
            valences[fields[0]] = double.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        // TRICKY: VADER looks emojis up one code point at a time, so the lexicon's sequences (flags, skin tones, ZWJ
        // families) never match there; only single code points are kept, as the same lookups give the same scores.
        var emojis = new Dictionary<int, string>();
        foreach (var fields in Lines(EmojiResource))
        {
            if (Rune.DecodeFromUtf16(fields[0], out var rune, out var length) == OperationStatus.Done && length == fields[0].Length)
            {
                emojis[rune.Value] = fields[1];
            }
        }

        return new SentimentLexicon(valences, emojis);
    }

    private static IEnumerable<string[]> Lines(string resource)
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            if (fields.Length >= 2)
            {
                yield return fields;
            }
        }
    }
}
