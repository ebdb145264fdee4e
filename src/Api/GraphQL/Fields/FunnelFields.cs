using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The funnel and the target lists it is taken over.</summary>
internal static class FunnelFields
{
    public static AnalyticsQuery AddFunnelFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<FunnelType>>("funnel").Description("Target → engaged → opportunity → won over the window.")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "The target list; all known accounts when absent.")
            .Argument<FunnelGroupByType>("groupBy", "Also give the funnel per group.")
            .Argument<IntervalType>("interval", "Also give the funnel per period (a trend).")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<FunnelQuery>().RunAsync(
                new FunnelRequest(c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<FunnelGroupBy?>("groupBy"), c.GetArgument<Interval?>("interval"),
                    // A query for the trend alone does not pay for the whole window's stages.
                    Totals: c.SubFields is not { } asked || asked.Values.Any(f => f.Field.Name == "stages" || f.Field.Name == "groups")), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListType>>>>("targetLists")
            .Description("Every target list, by name, with its accounts now: the names the targetList arguments take.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<TargetListsQuery>().RunAsync(ct)));
        return query;
    }
}
