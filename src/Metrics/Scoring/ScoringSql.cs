namespace Analytics.Metrics.Scoring;

/// <summary>
/// Prices rollup rows with a scoring model at query time (<see cref="ScoringFormula"/>), so a changed model applies to
/// past events. The model travels as typed array parameters; no part of it becomes SQL text.
/// </summary>
public static class ScoringSql
{
    private static readonly ScoringFormula.ModelSql Model = ScoringFormula.Parameters;

    /// <summary>
    /// The points of one <c>account_engagement_daily</c> row: its events priced by their (channel, type), with the bonus
    /// when its URL path (empty for other channels than web) contains a pattern.
    /// </summary>
    public static readonly string RowPoints = ScoringFormula.Points(Model, "events", ScoringFormula.RuleOfEvent, "url_path");

    /// <summary>
    /// Whether an activity rollup row's <c>points</c> were priced with the model in use (every event of it: a row merged
    /// from rows of two models has different bounds).
    /// </summary>
    public const string PricedNow = "(model_min = {score_version:UInt64} AND model_max = {score_version:UInt64})";

    /// <summary>
    /// The points of one activity rollup row priced from its counts: each <c>channel/type</c> count at its rule's points,
    /// plus each <c>path?type</c> count of web events at its rule's bonus when the path contains a pattern. The activity
    /// views price each event with the same formula at write time.
    /// </summary>
    public static readonly string ActivityRowPoints =
        $"arraySum(arrayMap((rule, n) -> {ScoringFormula.Base(Model, "n", "rule")}, mapKeys(counts), mapValues(counts)))\n"
        + $"+ arraySum(arrayMap((page, n) -> {ScoringFormula.Bonus(Model, "n", "concat('web/', substring(page, position(page, '?') + 1))", "substring(page, 1, position(page, '?') - 1)")},\n"
        + "    mapKeys(path_counts), mapValues(path_counts)))";

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
            .Add("score_bonus", model.Rules.Select(r => r.Bonus).ToArray())
            .Add("score_patterns", model.HighValuePatterns.ToArray())
            // TRICKY: rows the views priced with no model stored carry version 0 and no points; a model never stored
            // (the default) therefore matches no row, and every row is priced from its counts.
            .Add("score_version", priced.Version == 0 ? ulong.MaxValue : priced.Version)
            .Add("threshold", model.Threshold);
    }
}
