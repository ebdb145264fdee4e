using System.Globalization;

namespace Analytics.Metrics.Sentiment;

/// <summary>
/// The VADER sentiment lexicon (Hutto and Gilbert, 2014; MIT, see NOTICE.txt): a word's mean valence from −4 to +4,
/// read once from the data file embedded in this assembly.
/// </summary>
public sealed class SentimentLexicon
{
    private const string Resource = "Analytics.Metrics.Sentiment.vader_lexicon.txt";
    private static readonly Lazy<SentimentLexicon> Shared = new(Load);
    private readonly Dictionary<string, double> _valences;

    private SentimentLexicon(Dictionary<string, double> valences) => _valences = valences;

    /// <summary>The lexicon shipped with the server.</summary>
    public static SentimentLexicon Vader => Shared.Value;

    public int Count => _valences.Count;

    /// <summary>The word's valence, or null when the lexicon does not know it (a neutral word).</summary>
    public double? Valence(string word) => _valences.TryGetValue(word, out var valence) ? valence : null;

    private static SentimentLexicon Load()
    {
        using var stream = typeof(SentimentLexicon).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // Each line: token, mean valence, standard deviation, the ten raw ratings; tab-separated.
            var fields = line.Split('\t');
            if (fields.Length >= 2)
            {
                valences[fields[0]] = double.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return new SentimentLexicon(valences);
    }
}
