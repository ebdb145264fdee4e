namespace Analytics.Metrics.Scoring;

/// <summary>
/// Prices the engagement rollup's counts with a scoring model at query time, so a changed model applies to past events.
/// The model travels as typed array parameters; no part of it becomes SQL text.
/// </summary>
public static class ScoringSql
{
    /// <summary>
    /// The points of one <c>account_engagement_daily</c> row: its event count times the price of its (channel, type),
    /// the high-value price when its URL path contains a pattern. An unknown (channel, type) is at index 0, which
    /// <c>arrayElement</c> answers with 0 points.
    /// </summary>
    public const string RowPoints = """
        events * arrayElement(
            if(multiSearchAnyCaseInsensitive(url_path, {score_patterns:Array(String)}), {score_high_value:Array(Float64)}, {score_points:Array(Float64)}),
            indexOf({score_keys:Array(String)}, concat(channel, '/', type)))
        """;

    /// <summary>Adds the model's parameters (<c>score_*</c>, and <c>{threshold:Float64}</c>) for <see cref="RowPoints"/> and <see cref="WindowPoints"/>.</summary>
    public static QueryParameters AddModel(this QueryParameters parameters, ScoringModel model) => parameters
        .Add("score_keys", model.Rules.Select(r => $"{r.Channel}/{r.Type}").ToArray())
        .Add("score_points", model.Rules.Select(r => r.Points).ToArray())
        .Add("score_high_value", model.Rules.Select(r => r.HighValuePoints ?? r.Points).ToArray())
        .Add("score_patterns", model.HighValuePatterns.ToArray())
        // For the path rollups: what a high-value page adds to a rule's price, and the rules where it adds anything.
        .Add("score_bonus", model.Rules.Select(r => (r.HighValuePoints ?? r.Points) - r.Points).ToArray())
        .Add("score_bonus_rules", model.Rules.Where(r => (r.HighValuePoints ?? r.Points) != r.Points).Select(r => $"{r.Channel}/{r.Type}").ToArray())
        .Add("threshold", model.Threshold);
}
