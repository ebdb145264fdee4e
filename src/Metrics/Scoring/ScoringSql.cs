namespace Analytics.Metrics.Scoring;

/// <summary>
/// Prices the rollups' counts with a scoring model at query time, so a changed model applies to past events.
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

    /// <summary>
    /// Whether an activity rollup row's <c>points</c> were priced with the model in use (every event of it: a row merged
    /// from rows of two models has different bounds).
    /// </summary>
    public const string PricedNow = "(model_min = {score_version:UInt64} AND model_max = {score_version:UInt64})";

    /// <summary>
    /// The points of one activity rollup row priced from its counts: each <c>channel/type</c> count times its price, plus,
    /// for each <c>path?type</c> count of web events on a page matching a high-value pattern, the rule's bonus. The
    /// same as the activity views price its events with the model at write time.
    /// </summary>
    public const string ActivityRowPoints = """
        arraySum(arrayMap((rule, n) -> n * transform(rule, {score_keys:Array(String)}, {score_points:Array(Float64)}, 0.), mapKeys(counts), mapValues(counts)))
        + arraySum(arrayMap((page, n) -> if(
                multiSearchAnyCaseInsensitive(substring(page, 1, position(page, '?') - 1), {score_patterns:Array(String)}),
                n * transform(concat('web/', substring(page, position(page, '?') + 1)), {score_keys:Array(String)}, {score_bonus:Array(Float64)}, 0.),
                0.),
            mapKeys(path_counts), mapValues(path_counts)))
        """;

    /// <summary>
    /// Adds the model's parameters (<c>score_*</c>, and <c>{threshold:Float64}</c>) for <see cref="RowPoints"/>,
    /// <see cref="ActivityRowPoints"/> and <see cref="WindowPoints"/>.
    /// </summary>
    public static QueryParameters AddModel(this QueryParameters parameters, PricedModel priced)
    {
        var model = priced.Model;
        return parameters
            .Add("score_keys", model.Rules.Select(r => r.Key).ToArray())
            .Add("score_points", model.Rules.Select(r => r.Points).ToArray())
            .Add("score_high_value", model.Rules.Select(r => r.HighValuePoints ?? r.Points).ToArray())
            .Add("score_bonus", model.Rules.Select(r => r.Bonus).ToArray())
            .Add("score_patterns", model.HighValuePatterns.ToArray())
            // TRICKY: rows the views priced with no model stored carry version 0 and no points; a model never stored
            // (the default) therefore matches no row, and every row is priced from its counts.
            .Add("score_version", priced.Version == 0 ? ulong.MaxValue : priced.Version)
            .Add("threshold", model.Threshold);
    }
}
