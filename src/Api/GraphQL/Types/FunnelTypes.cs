using Analytics.Metrics.Funnel;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class FunnelType : ObjectGraphType<FunnelResult>
{
    public FunnelType()
    {
        Name = "Funnel";
        Description = "The account-based funnel over [from, to): TARGET, ENGAGED, OPPORTUNITY, WON.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelStageType>>>>("stages").Description("The four stages, in order.").Resolve(c => c.Source.Stages);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelGroupType>>>>("groups").Description("The stages per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelPointType>>>>("trend").Description("The stages per period, each period clipped to the window; empty unless interval is given.").Resolve(c => c.Source.Trend);
    }
}

public sealed class FunnelGroupType : ObjectGraphType<FunnelGroup>
{
    public FunnelGroupType()
    {
        Name = "FunnelGroup";
        Description = "The funnel of the target accounts that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelStageType>>>>("stages").Description("The four stages, in order.").Resolve(c => c.Source.Stages);
    }
}

public sealed class FunnelPointType : ObjectGraphType<FunnelPoint>
{
    public FunnelPointType()
    {
        Name = "FunnelPoint";
        Description = "The funnel over one period of a trend.";
        Field<NonNullGraphType<DateType>>("periodStart").Description("The period's first day.").Resolve(c => c.Source.PeriodStart);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelStageType>>>>("stages").Description("The four stages, in order.").Resolve(c => c.Source.Stages);
    }
}

public sealed class FunnelStageType : ObjectGraphType<FunnelStage>
{
    public FunnelStageType()
    {
        Name = "FunnelStage";
        Description = "One stage of the funnel.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("TARGET, ENGAGED, OPPORTUNITY or WON.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("accounts").Description("Accounts at this stage, each counted once.").Resolve(c => checked((int)c.Source.Accounts));
        Field<FloatGraphType>("conversionFromPrevious").Description("Accounts here ÷ accounts at the stage before, 0 to 1; null for TARGET or when the stage before is empty.").Resolve(c => c.Source.ConversionFromPrevious);
        Field<FloatGraphType>("averageDaysFromPrevious")
            .Description("COHORT only (else null): mean days from the stage before (OPPORTUNITY: from becoming engaged to the first opportunity; WON: from the won opportunity's creation to its close); null without accounts.")
            .Resolve(c => c.Source.AverageDaysFromPrevious);
        Field<FloatGraphType>("medianDaysFromPrevious").Description("COHORT only (else null): the median of the same days.").Resolve(c => c.Source.MedianDaysFromPrevious);
    }
}
