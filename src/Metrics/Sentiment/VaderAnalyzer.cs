using System.Numerics;

namespace Analytics.Metrics.Sentiment;

/// <summary>VADER's scores of a text: the shares of negative, neutral and positive words, and the compound score from −1 to 1.</summary>
public sealed record VaderScores(double Negative, double Neutral, double Positive, double Compound);

/// <summary>
/// VADER (Hutto and Gilbert, 2014), a port of vaderSentiment.py's SentimentIntensityAnalyzer.polarity_scores with all
/// its rules: boosters and dampeners ("very", "kind of"), words in capitals, negation up to three words back ("never
/// so/this" boosts instead), "no", "least", idioms with lexicon words, "but" (half before, one and a half after),
/// exclamation and question marks, emojis. Scores are rounded as VADER rounds them (compound to 4 places, shares to 3),
/// so they can be compared with its published examples.
/// </summary>
public sealed class VaderAnalyzer(SentimentLexicon lexicon)
{
    private const double Alpha = 15;

    /// <summary>The analyzer with the shipped lexicon.</summary>
    public static VaderAnalyzer Shared { get; } = new(SentimentLexicon.Vader);

    public VaderScores PolarityScores(string text)
    {
        var sentiText = new VaderText(text, lexicon);
        var lower = sentiText.Lower;
        var sentiments = new List<double>(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            // Boosters and "kind of" modify the next words and carry no valence of their own.
            var modifier = VaderRules.Boosters.ContainsKey(lower[i]) || (i < lower.Length - 1 && lower[i] == "kind" && lower[i + 1] == "of");
            sentiments.Add(modifier ? 0 : Valence(sentiText, i));
        }

        ButCheck(lower, sentiments);
        return Score(sentiments, sentiText.Text);
    }

    private double Valence(VaderText text, int i)
    {
        var (words, lower) = (text.Words, text.Lower);
        if (lexicon.Valence(lower[i]) is not { } lexiconValence)
        {
            return 0;
        }

        var valence = lexiconValence;

        // "no" before a lexicon word negates that word instead of counting itself.
        if (lower[i] == "no" && i != lower.Length - 1 && lexicon.Contains(lower[i + 1]))
        {
            valence = 0.0;
        }

        if ((i > 0 && lower[i - 1] == "no") || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && lower[i - 1] is "or" or "nor"))
        {
            valence = lexiconValence * VaderRules.NegationScalar;
        }

        if (VaderText.IsUpper(words[i]) && text.IsCapitalDifferent)
        {
            valence += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        for (var back = 0; back < 3; back++)
        {
            // The three words before, unless they are lexicon words themselves: boosters fading with distance, negations.
            if (i > back && !lexicon.Contains(lower[i - (back + 1)]))
            {
                var scalar = BoosterScalar(words[i - (back + 1)], lower[i - (back + 1)], valence, text.IsCapitalDifferent);
                scalar *= back switch { 1 => 0.95, 2 => 0.9, _ => 1 };
                valence = NegationCheck(valence + scalar, lower, back, i);
                if (back == 2)
                {
                    valence = SpecialIdiomsCheck(valence, lower, i);
                }
            }
        }

        return LeastCheck(valence, lower, i);
    }

    private static double BoosterScalar(string word, string lowerWord, double valence, bool isCapitalDifferent)
    {
        if (!VaderRules.Boosters.TryGetValue(lowerWord, out var scalar))
        {
            return 0;
        }

        scalar = valence < 0 ? -scalar : scalar;
        if (VaderText.IsUpper(word) && isCapitalDifferent)
        {
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        return scalar;
    }

    private static double NegationCheck(double valence, IReadOnlyList<string> w, int back, int i)
    {
        switch (back)
        {
            case 0 when VaderRules.IsNegation(w[i - 1]):
                return valence * VaderRules.NegationScalar;
            case 1 when w[i - 2] == "never" && w[i - 1] is "so" or "this":
                return valence * 1.25;
            case 1 when w[i - 2] == "without" && w[i - 1] == "doubt":
                return valence;
            case 1 when VaderRules.IsNegation(w[i - 2]):
                return valence * VaderRules.NegationScalar;

            // TRICKY: as in vaderSentiment.py, where `a and b or c` binds as `(a and b) or c`: "so" or "this" just before
            // the word boosts it, "never" or not.
            case 2 when (w[i - 3] == "never" && w[i - 2] is "so" or "this") || w[i - 1] is "so" or "this":
                return valence * 1.25;
            case 2 when w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt"):
                return valence;
            case 2 when VaderRules.IsNegation(w[i - 3]):
                return valence * VaderRules.NegationScalar;
            default:
                return valence;
        }
    }

    private static double SpecialIdiomsCheck(double valence, IReadOnlyList<string> w, int i)
    {
        var oneZero = $"{w[i - 1]} {w[i]}";
        var twoOneZero = $"{w[i - 2]} {w[i - 1]} {w[i]}";
        var twoOne = $"{w[i - 2]} {w[i - 1]}";
        var threeTwoOne = $"{w[i - 3]} {w[i - 2]} {w[i - 1]}";
        var threeTwo = $"{w[i - 3]} {w[i - 2]}";
        foreach (var sequence in new[] { oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo })
        {
            if (VaderRules.SpecialCases.TryGetValue(sequence, out var special))
            {
                valence = special;
                break;
            }
        }

        if (w.Count - 1 > i && VaderRules.SpecialCases.TryGetValue($"{w[i]} {w[i + 1]}", out var zeroOne))
        {
            valence = zeroOne;
        }

        if (w.Count - 1 > i + 1 && VaderRules.SpecialCases.TryGetValue($"{w[i]} {w[i + 1]} {w[i + 2]}", out var zeroOneTwo))
        {
            valence = zeroOneTwo;
        }

        // Two- and three-word dampeners ("kind of", "sort of") before the word.
        foreach (var nGram in new[] { threeTwoOne, threeTwo, twoOne })
        {
            if (VaderRules.Boosters.TryGetValue(nGram, out var booster))
            {
                valence += booster;
            }
        }

        return valence;
    }

    private double LeastCheck(double valence, IReadOnlyList<string> w, int i)
    {
        if (i > 1 && !lexicon.Contains(w[i - 1]) && w[i - 1] == "least")
        {
            return w[i - 2] is not ("at" or "very") ? valence * VaderRules.NegationScalar : valence;
        }

        return i > 0 && !lexicon.Contains(w[i - 1]) && w[i - 1] == "least" ? valence * VaderRules.NegationScalar : valence;
    }

    /// <summary>Words before the first "but" count half, words after it one and a half times.</summary>
    private static void ButCheck(string[] lower, List<double> sentiments)
    {
        var but = Array.IndexOf(lower, "but");
        if (but < 0)
        {
            return;
        }

        // TRICKY: vaderSentiment.py finds each sentiment's position by its value (list.index), so of two equal values
        // the first is changed twice and the second not at all; kept, for VADER's exact scores.
        for (var k = 0; k < sentiments.Count; k++)
        {
            var sentiment = sentiments[k];
            var at = sentiments.IndexOf(sentiment);
            if (at < but)
            {
                sentiments[at] = sentiment * 0.5;
            }
            else if (at > but)
            {
                sentiments[at] = sentiment * 1.5;
            }
        }
    }

    private static VaderScores Score(List<double> sentiments, string text)
    {
        if (sentiments.Count == 0)
        {
            return new VaderScores(0, 0, 0, 0);
        }

        var sum = sentiments.Sum();
        var emphasis = PunctuationEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + Alpha), -1, 1);

        // Each sentiment word counts one more than its valence, so neutral words (counted 1) do not outweigh them.
        var positive = sentiments.Where(s => s > 0).Sum(s => s + 1);
        var negative = sentiments.Where(s => s < 0).Sum(s => s - 1);
        var neutral = sentiments.Count(s => s == 0);
        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return new VaderScores(Round(Math.Abs(negative / total), 3), Round(Math.Abs(neutral / total), 3), Round(Math.Abs(positive / total), 3), Round(compound, 4));
    }

    /// <summary>Up to four "!" add 0.292 each; two or three "?" add 0.18 each, more add 0.96.</summary>
    private static double PunctuationEmphasis(string text)
    {
        var exclamations = Math.Min(text.Count(c => c == '!'), 4);
        var questions = text.Count(c => c == '?');
        var questionEmphasis = questions switch { <= 1 => 0, <= 3 => questions * 0.18, _ => 0.96 };
        return (exclamations * 0.292) + questionEmphasis;
    }

    /// <summary>
    /// Rounds as Python's round does: by the double's exact decimal value, half to even.
    /// </summary>
    /// <remarks>
    /// TRICKY: Math.Round scales by 10^digits in floating point first, so 2.3 / 8 (exactly 0.28749999999999997…)
    /// becomes 287.5 and rounds up to 0.288, where Python prints 0.287.
    /// </remarks>
    private static double Round(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        (mantissa, exponent) = exponent == 0 ? (mantissa, -1074) : (mantissa | (1L << 52), exponent - 1075);

        // |value| = mantissa · 2^exponent; scaled = |value| · 10^digits = numerator / denominator, exactly.
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        var denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        var whole = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !whole.IsEven))
        {
            whole += 1;
        }

        return Math.CopySign((double)whole / Math.Pow(10, digits), value);
    }
}
