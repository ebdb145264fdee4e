using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Journey;
using Analytics.Metrics.TargetLists;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The funnel and the target lists it is taken over.</summary>
internal static class FunnelFields
{
    public static AnalyticsQuery AddFunnelFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<FunnelType>>("funnel").Description("Target → engaged → opportunity → won over the window (WINDOW), or of the window's engagement cohort (COHORT).")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "The target list; all known accounts when absent.")
            .Argument<FunnelGroupByType>("groupBy", "Also give the funnel per group.")
            .Argument<IntervalType>("interval", "Also give the funnel per period (a trend); in COHORT mode, cohorts by the period they became engaged.")
            .Argument<FunnelModeType>("mode", "WINDOW (the default) or COHORT.", a => a.DefaultValue = FunnelMode.Window)
            .Argument<IntGraphType>("conversionWindowDays", "COHORT only: how long each engaged account is followed, in days (1 to 3650).",
                a => a.DefaultValue = CohortFunnelRequest.DefaultConversionWindowDays)
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.GetArgument<FunnelMode>("mode") == FunnelMode.Cohort
                ? c.Service<CohortFunnelQuery>().RunAsync(
                    new CohortFunnelRequest(c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<FunnelGroupBy?>("groupBy"), c.GetArgument<Interval?>("interval"),
                        c.GetArgument<int>("conversionWindowDays")), ct)
                : c.Service<FunnelQuery>().RunAsync(
                    new FunnelRequest(c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<FunnelGroupBy?>("groupBy"), c.GetArgument<Interval?>("interval"),
                        // A query for the trend alone does not pay for the whole window's stages.
                        Totals: c.SubFields is not { } asked || asked.Values.Any(f => f.Field.Name == "stages" || f.Field.Name == "groups")), ct)));

        query.Field<NonNullGraphType<JourneyType>>("journey")
            .Description("Where the target accounts stand in their journey (TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER) at the window's start and end, and how they moved.")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "The target list; all known accounts when absent.")
            .Argument<FunnelGroupByType>("groupBy", "Also give the journey per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<JourneyQuery>().RunAsync(
                new JourneyRequest(c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<FunnelGroupBy?>("groupBy")), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListType>>>>("targetLists")
            .Description("Every target list, imported and rule lists, by name, with its accounts now: the names the targetList arguments take.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<TargetListsQuery>().RunAsync(ct)));
        return query;
    }
}
