namespace Analytics.Metrics.Scoring;

/// <summary>
/// The engagement scoring formula, once, as SQL (docs/metrics.md): an event of rule <c>channel/type</c> earns the rule's
/// points, plus the rule's high-value bonus when it is a web event on a page whose path contains one of the model's
/// patterns (case-insensitive). A rule the model does not know earns nothing. The activity views price events with it at
/// write time (the stored model joined to each inserted block), and the queries price rollup rows with it at query time
/// (the model as typed parameters): both come from the two pieces below, so they cannot disagree.
/// </summary>
public static class ScoringFormula
{
    /// <summary>Where the model's arrays come from: rule keys, their points, their bonuses, the high-value patterns.</summary>
    public sealed record ModelSql(string Keys, string Points, string Bonus, string Patterns);

    /// <summary>The model as query parameters (<see cref="ScoringSql.AddModel"/>).</summary>
    public static readonly ModelSql Parameters = new(
        "{score_keys:Array(String)}", "{score_points:Array(Float64)}", "{score_bonus:Array(Float64)}", "{score_patterns:Array(String)}");

    /// <summary>The stored model as the activity views join it to each inserted block, under the alias <c>model</c>.</summary>
    public static readonly ModelSql Stored = new("model.keys", "model.prices", "model.bonuses", "model.patterns");

    /// <summary>The rule key of an event or a rollup row of channel and type.</summary>
    public const string RuleOfEvent = "concat(channel, '/', type)";

    // TRICKY: the functions must take non-constant arrays (the stored model is a column at write time): transform()
    // does not, arrayElement(indexOf()) does, and answers 0 for an unknown rule (index 0).

    /// <summary>The points of <paramref name="count"/> events of <paramref name="rule"/>, before any high-value bonus.</summary>
    public static string Base(ModelSql model, string count, string rule) =>
        $"{count} * arrayElement({model.Points}, indexOf({model.Keys}, {rule}))";

    /// <summary>The high-value bonus of <paramref name="count"/> web events of <paramref name="rule"/> on the page <paramref name="path"/> ('' for none).</summary>
    public static string Bonus(ModelSql model, string count, string rule, string path) =>
        $"if(multiSearchAnyCaseInsensitive({path}, {model.Patterns}), {count} * arrayElement({model.Bonus}, indexOf({model.Keys}, {rule})), 0.)";

    /// <summary>The points of <paramref name="count"/> events of <paramref name="rule"/> on <paramref name="path"/>: base and bonus.</summary>
    public static string Points(ModelSql model, string count, string rule, string path) =>
        $"{Base(model, count, rule)} + {Bonus(model, count, rule, path)}";
}
