using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Common;
using Analytics.Metrics.Opportunities;
using Analytics.Metrics.Velocity;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The pipeline: sales velocity and the window's new opportunities.</summary>
internal static class SalesFields
{
    public static AnalyticsQuery AddSalesFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<SalesVelocityType>>("salesVelocity").Description("Win rate, deal size, days to close and pipeline velocity.")
            .WindowArguments()
            .Argument<AccountGroupByType>("groupBy", "Also give the figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<SalesVelocityQuery>().RunAsync(
                new SalesVelocityRequest(c.Window(), c.GetArgument<SalesGroupBy?>("groupBy")), ct)));

        query.Field<NonNullGraphType<NewOpportunitiesType>>("newOpportunities")
            .Description("Opportunities created in the window, largest first (sales role).")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "Only opportunities of accounts on this target list.")
            .Argument<IntGraphType>("first", $"Opportunities to list, 0 to {NewOpportunitiesQuery.MaxFirst}; default 10.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<NewOpportunitiesQuery>().RunAsync(new NewOpportunitiesRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument("first", 10)), ct)));
        return query;
    }
}
