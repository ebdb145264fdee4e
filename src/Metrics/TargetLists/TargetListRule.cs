using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Metrics.Common;
using Analytics.Metrics.Journey;

namespace Analytics.Metrics.TargetLists;

/// <summary>
/// A rule list's rule: an account is a member when it meets any one of <see cref="AnyOf"/>. E.g. "Tier 1 and 2 accounts
/// in fintech whose engagement surged this week, or that show intent for 'data warehouse'" is two conditions.
/// </summary>
public sealed record TargetListRule(IReadOnlyList<TargetListCondition> AnyOf)
{
    /// <summary>Most conditions one rule may have.</summary>
    public const int MaxConditions = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The rule as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TargetListRule FromJson(string json) =>
        JsonSerializer.Deserialize<TargetListRule>(json, Json) ?? throw new InvalidOperationException("A stored rule is null.");

    /// <summary>The rule, or an error that says which condition is wrong and why.</summary>
    public TargetListRule Validated()
    {
        if (AnyOf.Count == 0)
        {
            throw new MetricArgumentException("A rule needs at least one condition in 'anyOf'.");
        }

        if (AnyOf.Count > MaxConditions)
        {
            throw new MetricArgumentException($"A rule has at most {MaxConditions} conditions; this one has {AnyOf.Count}.");
        }

        return new TargetListRule([.. AnyOf.Select((c, i) => c.Validated(i + 1))]);
    }

    /// <summary>The rule in words, for people: "tier 1 or 2 and a surge of at least 2×, or intent for 'data warehouse'".</summary>
    public string Describe() => string.Join(", or ", AnyOf.Select(c => c.Describe()));
}

/// <summary>
/// One condition of a rule: the account meets it when it meets every field that is set. Lists match any of their values
/// (as the account's attribute is spelled); <see cref="MinScore"/> is the engaged-accounts score over the last
/// <see cref="ScoreWindowDays"/> days (28 unless set); <see cref="MinSurge"/> the surge as the surging accounts define
/// it (the last 7 days over the mean week of the 28 before); <see cref="Stages"/> the journey stage now;
/// <see cref="IntentTopic"/> intent as <see cref="IntentFilter"/> says, as of today.
/// </summary>
public sealed record TargetListCondition(
    IReadOnlyList<string>? Tiers = null,
    IReadOnlyList<string>? Industries = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Owners = null,
    double? MinScore = null,
    int? ScoreWindowDays = null,
    double? MinSurge = null,
    IReadOnlyList<string>? Stages = null,
    string? IntentTopic = null,
    int? MinIntentScore = null)
{
    /// <summary>The score's window when a condition sets none, in days.</summary>
    public const int DefaultScoreWindowDays = 28;

    /// <summary>The longest score window, in days.</summary>
    public const int MaxScoreWindowDays = 365;

    /// <summary>The journey stages as numbers (0 TARGET … 4 CUSTOMER), for the SQL.</summary>
    public byte[] StageNumbers => [.. (Stages ?? []).Select(s => (byte)JourneyStages.Names.ToList().IndexOf(s))];

    /// <summary>The intent this condition asks for, if any.</summary>
    public IntentFilter? Intent => IntentTopic is null ? null : new IntentFilter(IntentTopic, MinIntentScore ?? 0);

    internal TargetListCondition Validated(int number)
    {
        string Where(string what) => $"Condition {number} of 'anyOf': {what}";
        IReadOnlyList<string>? Values(IReadOnlyList<string>? values, string field)
        {
            if (values is null)
            {
                return null;
            }

            var kept = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            return kept.Count > 0 ? kept : throw new MetricArgumentException(Where($"'{field}' is empty; leave it out to accept any."));
        }

        var condition = this with
        {
            Tiers = Values(Tiers, "tiers"), Industries = Values(Industries, "industries"), Countries = Values(Countries, "countries"),
            Owners = Values(Owners, "owners"), Stages = Values(Stages, "stages")?.Select(s => s.ToUpperInvariant()).ToList(),
        };
        if (condition is { Tiers: null, Industries: null, Countries: null, Owners: null, MinScore: null, MinSurge: null, Stages: null, IntentTopic: null })
        {
            throw new MetricArgumentException(Where("it sets nothing; set tiers, industries, countries, owners, minScore, minSurge, stages or intentTopic."));
        }

        if (ScoreWindowDays is not null && MinScore is null)
        {
            throw new MetricArgumentException(Where("'scoreWindowDays' needs 'minScore': the window of which score?"));
        }

        if (ScoreWindowDays is < 1 or > MaxScoreWindowDays)
        {
            throw new MetricArgumentException(Where($"'scoreWindowDays' must be between 1 and {MaxScoreWindowDays}; it is {ScoreWindowDays}."));
        }

        if (MinScore is < 0 or double.NaN)
        {
            throw new MetricArgumentException(Where($"'minScore' must be 0 or more; it is {MinScore}."));
        }

        if (MinSurge is <= 0 or double.NaN)
        {
            throw new MetricArgumentException(Where($"'minSurge' must be above 0; it is {MinSurge}."));
        }

        if (condition.Stages?.FirstOrDefault(s => !JourneyStages.Names.Contains(s)) is { } unknown)
        {
            throw new MetricArgumentException(Where($"'{unknown}' is not a journey stage; stages are {string.Join(", ", JourneyStages.Names)}."));
        }

        IntentFilter? intent;
        try
        {
            intent = IntentFilter.Of(IntentTopic, MinIntentScore);
        }
        catch (MetricArgumentException e)
        {
            throw new MetricArgumentException(Where(e.Message));
        }

        return condition with
        {
            ScoreWindowDays = MinScore is null ? null : ScoreWindowDays ?? DefaultScoreWindowDays,
            IntentTopic = intent?.Topic,
            MinIntentScore = intent?.MinScore,
        };
    }

    internal string Describe()
    {
        static string Any(string what, IReadOnlyList<string> values) => $"{what} {string.Join(" or ", values)}";
        var parts = new List<string>();
        if (Tiers is { } tiers) parts.Add(Any("tier", tiers));
        if (Industries is { } industries) parts.Add(Any("industry", industries));
        if (Countries is { } countries) parts.Add(Any("country", countries));
        if (Owners is { } owners) parts.Add(Any("owner", owners));
        if (MinScore is { } score) parts.Add($"a score of at least {score:0.##} over the last {ScoreWindowDays ?? DefaultScoreWindowDays} days");
        if (MinSurge is { } surge) parts.Add($"a surge of at least {surge:0.##}×");
        if (Stages is { } stages) parts.Add(Any("stage", stages));
        if (IntentTopic is { } topic) parts.Add($"intent for '{topic}'" + (MinIntentScore is > 0 ? $" scored at least {MinIntentScore}" : string.Empty));
        return string.Join(" and ", parts);
    }
}
