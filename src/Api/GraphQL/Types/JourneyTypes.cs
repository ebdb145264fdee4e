using Analytics.Metrics.Journey;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class JourneyType : ObjectGraphType<JourneyResult>
{
    public JourneyType()
    {
        Name = "Journey";
        Description = "The target accounts' journey over [from, to); each account is in exactly one stage at any instant.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyStageType>>>>("stages").Description("TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER, in order.").Resolve(c => c.Source.Stages);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyGroupType>>>>("groups").Description("The stages per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
    }
}

public sealed class JourneyGroupType : ObjectGraphType<JourneyGroup>
{
    public JourneyGroupType()
    {
        Name = "JourneyGroup";
        Description = "The journey of the target accounts that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JourneyStageType>>>>("stages").Description("The five stages, in order.").Resolve(c => c.Source.Stages);
    }
}

public sealed class JourneyStageType : ObjectGraphType<JourneyStage>
{
    public JourneyStageType()
    {
        Name = "JourneyStage";
        Description = "One stage of the journey over the window.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("TARGET, AWARE, ENGAGED, OPPORTUNITY or CUSTOMER.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("atStart").Description("Accounts in the stage at `from` 00:00 UTC.").Resolve(c => checked((int)c.Source.AtStart));
        Field<NonNullGraphType<IntGraphType>>("atEnd").Description("Accounts in the stage at `to` 00:00 UTC.").Resolve(c => checked((int)c.Source.AtEnd));
        Field<NonNullGraphType<IntGraphType>>("entered").Description("Accounts that entered the stage at some midnight in (from, to], each counted once.").Resolve(c => checked((int)c.Source.Entered));
        Field<NonNullGraphType<IntGraphType>>("progressed").Description("Accounts of atStart at a later stage at `to`.").Resolve(c => checked((int)c.Source.Progressed));
        Field<FloatGraphType>("progressionRate").Description("progressed ÷ atStart; null when atStart is 0, and for CUSTOMER.").Resolve(c => c.Source.ProgressionRate);
    }
}
