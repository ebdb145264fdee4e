using Analytics.Metrics.Surveys;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class NpsType : ObjectGraphType<NpsResult>
{
    public NpsType()
    {
        Name = "Nps";
        Description = "Net Promoter Score over [from, to): %promoters (9–10) − %detractors (0–6), from −100 to 100.";
        SurveyFields.AddNps(this, r => r.Figures, withMargin: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NpsPointType>>>>("trend").Description("Every period of the window, empty ones included; empty unless interval is given.").Resolve(c => c.Source.Trend);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NpsGroupType>>>>("groups").Description("The figures per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
    }
}

public sealed class NpsPointType : ObjectGraphType<NpsPoint>
{
    public NpsPointType()
    {
        Name = "NpsPoint";
        Description = "NPS over one period of a trend.";
        Field<NonNullGraphType<DateType>>("periodStart").Description("The period's first day.").Resolve(c => c.Source.PeriodStart);
        SurveyFields.AddNps(this, p => p.Figures, withMargin: true);
    }
}

public sealed class NpsGroupType : ObjectGraphType<NpsGroup>
{
    public NpsGroupType()
    {
        Name = "NpsGroup";
        Description = "NPS of the responses that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        SurveyFields.AddNps(this, g => g.Figures, withMargin: true);
    }
}

public sealed class NpsComparisonType : ObjectGraphType<NpsComparison>
{
    public NpsComparisonType()
    {
        Name = "NpsComparison";
        Description = "Two windows' NPS: the difference, its 95% margin of error 1.96 · 100 · √(v₁/n₁ + v₂/n₂) with v = p + d − (p − d)², and whether the change is bigger than it.";
        Field<NonNullGraphType<NpsType>>("current").Description("The window from–to.").Resolve(c => c.Source.Current);
        Field<NonNullGraphType<NpsType>>("previous").Description("The window previousFrom–previousTo.").Resolve(c => c.Source.Previous);
        Field<FloatGraphType>("difference").Description("Current − previous score, in NPS points; null when either window has no answers.").Resolve(c => c.Source.Difference);
        Field<FloatGraphType>("marginOfError").Description("The difference's 95% margin of error; null when either window has no answers.").Resolve(c => c.Source.MarginOfError);
        Field<StringGraphType>("verdict").Description("\"significant\" or \"within the margin\" as dashboards print it; null when either window has no answers.")
            .Resolve(c => c.Source.Significant switch { true => "significant", false => "within the margin", null => null });
        Field<BooleanGraphType>("significant").Description("True when |difference| > marginOfError (\"significant\"), false when within the margin; null when either window has no answers.").Resolve(c => c.Source.Significant);
    }
}

public sealed class CsatType : ObjectGraphType<CsatResult>
{
    public CsatType()
    {
        Name = "Csat";
        Description = "Customer satisfaction over [from, to): the share of 4 and 5 answers on a 1–5 scale, in percent.";
        SurveyFields.AddCsat(this, r => r.Figures);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CsatPointType>>>>("trend").Description("Every period of the window, empty ones included; empty unless interval is given.").Resolve(c => c.Source.Trend);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CsatGroupType>>>>("groups").Description("The figures per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
    }
}

public sealed class CsatPointType : ObjectGraphType<CsatPoint>
{
    public CsatPointType()
    {
        Name = "CsatPoint";
        Description = "CSAT over one period of a trend.";
        Field<NonNullGraphType<DateType>>("periodStart").Description("The period's first day.").Resolve(c => c.Source.PeriodStart);
        SurveyFields.AddCsat(this, p => p.Figures);
    }
}

public sealed class CsatGroupType : ObjectGraphType<CsatGroup>
{
    public CsatGroupType()
    {
        Name = "CsatGroup";
        Description = "CSAT of the responses that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        SurveyFields.AddCsat(this, g => g.Figures);
    }
}

internal static class SurveyFields
{
    public static void AddNps<T>(ObjectGraphType<T> type, Func<T, NpsFigures> figures, bool withMargin)
    {
        type.Field<NonNullGraphType<IntGraphType>>("responses").Description("NPS answers.").Resolve(c => checked((int)figures(c.Source).Responses));
        type.Field<NonNullGraphType<IntGraphType>>("promoters").Description("Answers of 9 or 10.").Resolve(c => checked((int)figures(c.Source).Promoters));
        type.Field<NonNullGraphType<IntGraphType>>("passives").Description("Answers of 7 or 8.").Resolve(c => checked((int)figures(c.Source).Passives));
        type.Field<NonNullGraphType<IntGraphType>>("detractors").Description("Answers of 0 to 6.").Resolve(c => checked((int)figures(c.Source).Detractors));
        type.Field<FloatGraphType>("score").Description("%promoters − %detractors, from −100 to 100; null without answers.").Resolve(c => figures(c.Source).Score);
        if (withMargin)
        {
            type.Field<FloatGraphType>("marginOfError").Description("The 95% margin of error (Wald), in NPS points: 1.96 · 100 · √((p + d − (p − d)²) / n); null without answers.").Resolve(c => figures(c.Source).MarginOfError);
        }

        type.Field<NonNullGraphType<BooleanGraphType>>("smallSample")
            .Description($"True when the score rests on fewer than {NpsFigures.SmallSampleBelow} answers (but some): read it with its margin.")
            .Resolve(c => figures(c.Source).SmallSample);
        type.Field<StringGraphType>("sampleNote")
            .Description("\"small sample\" when smallSample is true, else null: the mark dashboards and the PDF print beside such a score.")
            .Resolve(c => figures(c.Source).SmallSample ? "small sample" : null);
    }

    public static void AddCsat<T>(ObjectGraphType<T> type, Func<T, CsatFigures> figures)
    {
        type.Field<NonNullGraphType<IntGraphType>>("responses").Description("CSAT answers.").Resolve(c => checked((int)figures(c.Source).Responses));
        type.Field<NonNullGraphType<IntGraphType>>("satisfied").Description("Answers of 4 or 5.").Resolve(c => checked((int)figures(c.Source).Satisfied));
        type.Field<FloatGraphType>("score").Description("satisfied ÷ responses, in percent (0 to 100); null without answers.").Resolve(c => figures(c.Source).Score);
        type.Field<FloatGraphType>("marginOfError").Description("The 95% margin of error (Wald), in percentage points: 1.96 · 100 · √(s (1 − s) / n) with s the satisfied share; null without answers.").Resolve(c => figures(c.Source).MarginOfError);
    }
}
