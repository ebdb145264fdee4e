using System.Text.Json.Serialization;

namespace Analytics.Metrics.Scoring;

/// <summary>Points for one (channel, type) of event; <see cref="HighValuePoints"/>, when set, replaces them on a high-value page.</summary>
public sealed record ScoringRule(string Channel, string Type, double Points, double? HighValuePoints = null)
{
    /// <summary>The rule's key in the rollups, <c>channel/type</c>.</summary>
    [JsonIgnore]
    public string Key => $"{Channel}/{Type}";

    /// <summary>What a high-value page adds to the rule's points.</summary>
    [JsonIgnore]
    public double Bonus => (HighValuePoints ?? Points) - Points;
}

/// <summary>
/// The engagement scoring model (docs/design.md): points per (channel, type), a different price on high-value pages (a URL
/// path containing one of <see cref="HighValuePatterns"/>, case-insensitive), and the score from which an account is engaged.
/// </summary>
public sealed record ScoringModel(IReadOnlyList<ScoringRule> Rules, IReadOnlyList<string> HighValuePatterns, double Threshold)
{
    /// <summary>Most URL patterns one model may hold: ClickHouse's multi-search takes at most 255 needles.</summary>
    public const int MaxPatterns = 255;

    // TRICKY: declared before Default, which reads it: static initializers run in the order of the text.
    /// <summary>
    /// Segment's B2B SaaS spec events (segment.com/docs/connections/spec/b2b-saas/) as a track call stores them: type
    /// the snake_case event name, channel web unless <c>properties.channel</c> says otherwise. Priced here rather than
    /// renamed at write time, so an event keeps the type its sender gave it and an admin re-prices it like any other rule
    /// (a change applies to past events too). Hand-raisers score as a form fill or more; product use a little; leaving
    /// scores nothing, listed at 0 so the model shows the type is known.
    /// </summary>
    public static IReadOnlyList<ScoringRule> SegmentSpecRules { get; } =
    [
        new("web", "demo_requested", 20),
        new("web", "trial_started", 15),
        new("web", "signed_up", 10),
        new("web", "account_created", 10),
        new("web", "form_submitted", 10),
        new("web", "invite_sent", 3),
        new("web", "account_added_user", 3),
        new("web", "signed_in", 1),
        new("web", "trial_ended", 0),
        new("web", "signed_out", 0),
        new("web", "account_removed_user", 0),
        new("web", "account_deleted", 0),
    ];

    /// <summary>The default model of docs/design.md: one ad click does not make an account engaged; a form fill or a dozen page views does.</summary>
    public static ScoringModel Default { get; } = new(
        [
            new("ad", "impression", 0),
            new("ad", "click", 1),
            new("email", "open", 1),
            new("email", "click", 2),
            new("web", "page_view", 1, HighValuePoints: 5),
            new("web", "form_submit", 10),
            new("event", "attended", 10),
            .. SegmentSpecRules,
        ],
        ["/pricing", "/demo", "/contact", "/trial"],
        Threshold: 10);

    /// <summary>The points of one event, as the SQL prices it; used by tests and by the independent cross-check.</summary>
    public double PointsOf(string channel, string type, string urlPath)
    {
        var rule = Rules.FirstOrDefault(r => r.Channel == channel && r.Type == type);
        if (rule is null)
        {
            return 0;
        }

        var highValue = HighValuePatterns.Any(p => urlPath.Contains(p, StringComparison.OrdinalIgnoreCase));
        return highValue ? rule.HighValuePoints ?? rule.Points : rule.Points;
    }

    /// <summary>Problems that make the model unusable, one message each; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Threshold <= 0 || !double.IsFinite(Threshold))
        {
            problems.Add("threshold must be a positive number.");
        }

        foreach (var duplicate in Rules.GroupBy(r => (r.Channel, r.Type)).Where(g => g.Count() > 1))
        {
            problems.Add($"the rule for channel '{duplicate.Key.Channel}' and type '{duplicate.Key.Type}' is given more than once.");
        }

        foreach (var rule in Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Channel) || string.IsNullOrWhiteSpace(rule.Type) || rule.Channel.Contains('/', StringComparison.Ordinal))
            {
                problems.Add("every rule needs a channel (without '/') and a type.");
            }

            if (!EngagementEvents.IsEngagement(rule.Channel, rule.Type))
            {
                problems.Add($"'{rule.Channel}/{rule.Type}' is a delivery report, not engagement: it cannot be priced (only a person's opens and clicks of an email are).");
            }

            if (!double.IsFinite(rule.Points) || rule.Points < 0 || rule.HighValuePoints is { } hv && (!double.IsFinite(hv) || hv < 0))
            {
                problems.Add($"the points of '{rule.Channel}/{rule.Type}' must be zero or more.");
            }
        }

        if (HighValuePatterns.Count > MaxPatterns)
        {
            problems.Add($"at most {MaxPatterns} high-value URL patterns are allowed.");
        }

        if (HighValuePatterns.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("a high-value URL pattern cannot be empty (it would match every page).");
        }

        return problems;
    }
}
