using System.Reflection;

namespace Analytics.Metrics.Themes;

/// <summary>
/// The part of speech an English word most often has, from the lexicon of Brill's tagger (the npm package brill 3.1.0,
/// MIT, see LICENSE-brill.txt), so that themes are things customers talk about ("pricing", "support team"), not how
/// they say it ("full", "within", "actually"). The lexicon ships inside the assembly without the words whose most
/// frequent tag is a noun and that are never verbs: a word it does not hold is taken for a noun, as product names and
/// domain terms ("csm", "onboarding") are.
/// </summary>
public static class PartOfSpeech
{
    private static readonly Lazy<Dictionary<string, string[]>> Lexicon = new(Load);

    // Brill's contextual rule "NN → VB after TO", and after a subject pronoun: "easy to use", "we work with".
    private static readonly HashSet<string> BeforeVerbs = new(StringComparer.Ordinal) { "to", "i", "we", "you", "they", "he", "she", "it" };

    /// <summary>The role of a lower-case word, given the word written just before it (null at the start or after punctuation).</summary>
    public static TopicRole RoleOf(string lowerWord, string? previousWord)
    {
        if (!Lexicon.Value.TryGetValue(lowerWord, out var tags))
        {
            return TopicRole.Noun;
        }

        if (previousWord is not null && BeforeVerbs.Contains(previousWord) && tags.Any(t => t.StartsWith("VB", StringComparison.Ordinal)))
        {
            return TopicRole.Other;
        }

        var first = tags[0];
        return first.StartsWith("NN", StringComparison.Ordinal) ? TopicRole.Noun
            : first.StartsWith("JJ", StringComparison.Ordinal) || first.StartsWith("VBG", StringComparison.Ordinal) ? TopicRole.Modifier
            : TopicRole.Other;
    }

    private static Dictionary<string, string[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Analytics.Metrics.Themes.brill-lexicon.tsv")
            ?? throw new InvalidOperationException("The Brill lexicon is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lexicon = new Dictionary<string, string[]>(40_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            lexicon[line[..tab]] = line[(tab + 1)..].Split(' ');
        }

        return lexicon;
    }
}
