using Analytics.Metrics.Scoring;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class ScoringModelType : ObjectGraphType<ScoringModel>
{
    public ScoringModelType()
    {
        Name = "ScoringModel";
        Description = "The engagement scoring model; it prices past events too.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScoringRuleType>>>>("rules").Description("Points per (channel, type); other events score 0.").Resolve(c => c.Source.Rules);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("highValuePatterns").Description("URL path fragments (case-insensitive) that make a page high-value.").Resolve(c => c.Source.HighValuePatterns);
        Field<NonNullGraphType<FloatGraphType>>("threshold").Description("The score from which an account is engaged.").Resolve(c => c.Source.Threshold);
    }
}

public sealed class ScoringRuleType : ObjectGraphType<ScoringRule>
{
    public ScoringRuleType()
    {
        Name = "ScoringRule";
        Description = "The points of one kind of event.";
        Field<NonNullGraphType<StringGraphType>>("channel").Description("The event's channel.").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event's type.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<FloatGraphType>>("points").Description("Points per event.").Resolve(c => c.Source.Points);
        Field<FloatGraphType>("highValuePoints").Description("Points per event on a high-value page; null means the same as points.").Resolve(c => c.Source.HighValuePoints);
    }
}

public sealed class ScoringModelInputType : InputObjectGraphType<ScoringModel>
{
    public ScoringModelInputType()
    {
        Name = "ScoringModelInput";
        Description = "A complete scoring model to use from now on.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScoringRuleInputType>>>>("rules").Description("Points per (channel, type); other events score 0.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("highValuePatterns").Description("URL path fragments (case-insensitive) that make a page high-value.");
        Field<NonNullGraphType<FloatGraphType>>("threshold").Description("The score from which an account is engaged.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ScoringModel(
        ((IEnumerable<object?>)value["rules"]!).Cast<ScoringRule>().ToList(),
        ((IEnumerable<object?>)value["highValuePatterns"]!).Cast<string>().ToList(),
        Convert.ToDouble(value["threshold"], System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class ScoringRuleInputType : InputObjectGraphType<ScoringRule>
{
    public ScoringRuleInputType()
    {
        Name = "ScoringRuleInput";
        Description = "The points of one kind of event.";
        Field<NonNullGraphType<StringGraphType>>("channel").Description("The event's channel.");
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event's type.");
        Field<NonNullGraphType<FloatGraphType>>("points").Description("Points per event.");
        Field<FloatGraphType>("highValuePoints").Description("Points per event on a high-value page; null means the same as points.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ScoringRule(
        (string)value["channel"]!, (string)value["type"]!,
        Convert.ToDouble(value["points"], System.Globalization.CultureInfo.InvariantCulture),
        value.TryGetValue("highValuePoints", out var hv) && hv is not null ? Convert.ToDouble(hv, System.Globalization.CultureInfo.InvariantCulture) : null);
}
