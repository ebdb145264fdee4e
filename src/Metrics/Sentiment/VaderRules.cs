namespace Analytics.Metrics.Sentiment;

/// <summary>
/// VADER's word lists and empirically derived constants, as in vaderSentiment.py (C.J. Hutto, MIT; see NOTICE.txt):
/// negations, boosters and dampeners, and the idioms that contain lexicon words.
/// </summary>
internal static class VaderRules
{
    /// <summary>A booster's rating increase, a dampener's decrease.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>The increase for a sentiment word in capitals among words that are not.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>What a negation multiplies a valence by.</summary>
    public const double NegationScalar = -0.74;

    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    };

    /// <summary>Degree adverbs: boosters raise the next sentiment word's intensity, dampeners lower it.</summary>
    public static readonly Dictionary<string, double> Boosters = Build(
        BoosterIncrement,
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply", "effing",
        "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme", "extremely",
        "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
        "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
        "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so",
        "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
        "unusually", "utter", "utterly", "very")
        .Concat(Build(
            -BoosterIncrement,
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
            "somewhat", "sort of", "sorta", "sortof", "sort-of"))
        .ToDictionary(StringComparer.Ordinal);

    /// <summary>Idioms and phrases that contain lexicon words, with the valence they have instead.</summary>
    public static readonly Dictionary<string, double> SpecialCases = new(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["badass"] = 1.5, ["bus stop"] = 0.0,
        ["yeah right"] = -2, ["kiss of death"] = -1.5, ["to die for"] = 3,
        ["beating heart"] = 3.1, ["broken heart"] = -2.9,
    };

    // VADER also lists idioms without lexicon words ("cut the mustard", "in the red") as future work that
    // polarity_scores never applies; they are left out here for the same scores.

    /// <summary>Whether the word negates: one of the negations, or any word with "n't".</summary>
    public static bool IsNegation(string lowerWord) => Negations.Contains(lowerWord) || lowerWord.Contains("n't", StringComparison.Ordinal);

    private static IEnumerable<KeyValuePair<string, double>> Build(double value, params string[] words) =>
        words.Select(w => KeyValuePair.Create(w, value));
}
