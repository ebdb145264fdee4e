using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Attribution;
using Analytics.Metrics.Campaigns;
using Analytics.Metrics.Common;
using Analytics.Metrics.Engagement;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>What marketing reads of its channels: engagement, campaign performance and attributed revenue.</summary>
internal static class MarketingFields
{
    public static AnalyticsQuery AddMarketingFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<EngagementType>>("engagement").Description("Engagement by channel and by campaign: events, accounts reached and engaged accounts reached.")
            .WindowArguments()
            .Argument<IntervalType>("interval", "Also give a trend per period.")
            .Argument<StringGraphType>("targetList", "Only accounts on this target list; all accounts when absent.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<EngagementQuery>().RunAsync(
                new EngagementRequest(c.Window(), c.GetArgument<Interval?>("interval"), c.GetArgument<string?>("targetList"), AskedParts(c.SubFields)), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignPerformanceType>>>>("campaignPerformance")
            .Description("Per campaign: accounts reached and engaged, pipeline influenced, spend and cost per engaged account.")
            .WindowArguments()
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<CampaignPerformanceQuery>().RunAsync(c.Window(), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttributionRowType>>>>("attribution")
            .Description("Pipeline and won revenue attributed to channels, sources or campaigns: first touch, last touch and linear.")
            .WindowArguments()
            .Argument<NonNullGraphType<AttributionDimensionType>>("dimension", "What to attribute revenue to.")
            .Argument<StringGraphType>("targetList", "Only opportunities of accounts on this target list.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => (await c.RunAsync(ct => c.Service<AttributionQuery>().RunAsync(
                new AttributionRequest(c.Window(), c.GetArgument<AttributionDimension>("dimension"), c.GetArgument<string?>("targetList")), ct))).Rows);
        return query;
    }

    // Each part of an engagement costs a pass over the window's rows: only those the selection names are computed.
    private static EngagementParts AskedParts(IDictionary<string, (GraphQLParser.AST.GraphQLField Field, FieldType FieldType)>? asked) =>
        asked is null ? EngagementParts.All : asked.Values.Aggregate(default(EngagementParts), (parts, f) => parts | f.Field.Name.StringValue switch
        {
            "channels" => EngagementParts.Channels,
            "campaigns" => EngagementParts.Campaigns,
            "trend" => EngagementParts.Trend,
            "events" or "accountsReached" or "engagedAccountsReached" or "engagedShare" => EngagementParts.Total,
            _ => default,
        });
}
