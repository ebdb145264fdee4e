using Analytics.Metrics.Engagement;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class EngagementType : ObjectGraphType<EngagementResult>
{
    public EngagementType()
    {
        Name = "Engagement";
        Description = "Engagement over [from, to): events, accounts reached and engaged accounts reached, in all, by channel, by campaign and per period.";
        EngagementFields.Add(this, r => r.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagementGroupType>>>>("channels").Description("Per channel, most engaged accounts reached first; empty when nothing happened.").Resolve(c => c.Source.Channels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagementGroupType>>>>("campaigns").Description("Per campaign (events without one left out), most engaged accounts reached first; empty when nothing happened.").Resolve(c => c.Source.Campaigns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagementPointType>>>>("trend").Description("Every period of the window, empty ones included; empty unless interval is given.").Resolve(c => c.Source.Trend);
    }
}

public sealed class EngagementGroupType : ObjectGraphType<EngagementGroup>
{
    public EngagementGroupType()
    {
        Name = "EngagementGroup";
        Description = "Engagement of one channel or one campaign; engaged means engaged over the whole window.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The channel or the campaign.").Resolve(c => c.Source.Key);
        EngagementFields.Add(this, g => g.Figures);
    }
}

public sealed class EngagementPointType : ObjectGraphType<EngagementPoint>
{
    public EngagementPointType()
    {
        Name = "EngagementPoint";
        Description = "Engagement over one period of a trend; engaged means engaged by the points earned in that period.";
        Field<NonNullGraphType<DateType>>("periodStart").Description("The period's first day.").Resolve(c => c.Source.PeriodStart);
        EngagementFields.Add(this, p => p.Figures);
    }
}

internal static class EngagementFields
{
    public static void Add<T>(ObjectGraphType<T> type, Func<T, EngagementFigures> figures)
    {
        type.Field<NonNullGraphType<IntGraphType>>("events").Description("Engagement events of known accounts.").Resolve(c => checked((int)figures(c.Source).Events));
        type.Field<NonNullGraphType<IntGraphType>>("accountsReached").Description("Accounts with at least one event.").Resolve(c => checked((int)figures(c.Source).AccountsReached));
        type.Field<NonNullGraphType<IntGraphType>>("engagedAccountsReached").Description("Of those, the accounts engaged (score at least the model's threshold).").Resolve(c => checked((int)figures(c.Source).EngagedAccountsReached));
        type.Field<FloatGraphType>("engagedShare").Description("engagedAccountsReached ÷ accountsReached, from 0 to 1; null when no account was reached.").Resolve(c => figures(c.Source).EngagedShare);
    }
}
