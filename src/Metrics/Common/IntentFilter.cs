namespace Analytics.Metrics.Common;

/// <summary>
/// Third-party intent as a filter: an account shows intent for a topic when its score for that topic (matched in any
/// case) reached the minimum in one of the last <see cref="Weeks"/> weeks before a day: a week whose Monday lies in
/// [day − 28 days, day). The engaged and surging accounts take it as of their window's end, rule lists as of today.
/// </summary>
public sealed record IntentFilter(string Topic, int MinScore)
{
    /// <summary>How many weeks before the day count.</summary>
    public const int Weeks = 4;

    /// <summary>The highest score a provider gives.</summary>
    public const int MaxScore = 100;

    /// <summary>The filter of a request's <c>intentTopic</c> and <c>minIntentScore</c>; null without a topic; an error when they do not fit.</summary>
    public static IntentFilter? Of(string? topic, int? minScore)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return minScore is null ? null : throw new MetricArgumentException("'minIntentScore' needs 'intentTopic': the score of which topic?");
        }

        return minScore is null or (>= 0 and <= MaxScore)
            ? new IntentFilter(topic.Trim(), minScore ?? 0)
            : throw new MetricArgumentException($"'minIntentScore' must be between 0 and {MaxScore}; it is {minScore}.");
    }

    /// <summary>The SQL of the ids of the accounts that show the intent named <paramref name="name"/> (see <see cref="AddTo"/>).</summary>
    public static string AccountsSql(string name) => $$"""
        SELECT account_id FROM account_intent FINAL
        WHERE lower(topic) = lower({{{name}}_topic:String}) AND score >= {{{name}}_min_score:UInt8}
          AND week >= {{{name}}_from:Date} AND week < {{{name}}_to:Date}
        """;

    /// <summary>Adds this filter's parameters under <paramref name="name"/>, as of <paramref name="day"/> (exclusive).</summary>
    public QueryParameters AddTo(QueryParameters parameters, string name, DateOnly day) => parameters
        .Add($"{name}_topic", Topic).Add($"{name}_min_score", (byte)MinScore)
        .Add($"{name}_from", day.AddDays(-7 * Weeks)).Add($"{name}_to", day);
}
