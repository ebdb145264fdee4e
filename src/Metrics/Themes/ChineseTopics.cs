using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;

namespace Analytics.Metrics.Themes;

/// <summary>
/// A Chinese comment's topic words through jieba.NET: segmented into words with their parts of speech, keeping nouns
/// (common, place, organisation, other proper nouns) and verbal nouns of two characters or more that are not in
/// jieba's stop list. jieba loads its dictionary (in jieba/ beside the program) on first use, once per process.
/// </summary>
public static class ChineseTopics
{
    private static readonly string[] NounTags = ["n", "ns", "nt", "nz", "vn", "ng"];
    private static readonly Lazy<PosSegmenter> Segmenter = new(Load);
    private static readonly Lazy<HashSet<string>> Stops = new(LoadStopWords);

    // TRICKY: jieba.NET's segmenter keeps state between calls that is not safe to share across threads.
    private static readonly Lock SegmentLock = new();

    /// <summary>jieba's stop words (487 Chinese function words and particles, 166 English).</summary>
    public static IReadOnlySet<string> StopWords => Stops.Value;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "jieba");

    public static IReadOnlyList<TopicToken> Tokens(string comment)
    {
        var stopWords = Stops.Value;
        List<Pair> words;
        lock (SegmentLock)
        {
            words = Segmenter.Value.Cut(comment).ToList();
        }

        var tokens = new List<TopicToken>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Word.Trim();
            if (word.Length >= 2 && NounTags.Contains(words[i].Flag) && !stopWords.Contains(word) && word.Any(IsHan))
            {
                tokens.Add(new TopicToken(word, word, i));
            }
        }

        return tokens;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static PosSegmenter Load()
    {
        ConfigManager.ConfigFileBaseDir = Folder;
        return new PosSegmenter(new JiebaSegmenter());
    }

    private static HashSet<string> LoadStopWords()
    {
        var file = Path.Combine(Folder, "stopwords.txt");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"jieba.NET's resources are missing from {Folder}; the build copies them there.", file);
        }

        return File.ReadLines(file).Select(l => l.Trim().TrimStart('\uFEFF')).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
    }
}
