using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Accounts;
using Analytics.Metrics.Attribution;
using Analytics.Metrics.Campaigns;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Metrics.Engagement;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Opportunities;
using Analytics.Metrics.Scoring;
using Analytics.Metrics.Sentiment;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Velocity;
using Analytics.Reports.Dashboards;
using Analytics.Reports.Runs;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>The metrics as GraphQL queries; each resolver reads its arguments and calls one metric service.</summary>
public sealed class AnalyticsQuery : ObjectGraphType
{
    private const string FromDoc = "The window's first day (inclusive).";
    private const string ToDoc = "The day after the window's last day (exclusive).";

    public AnalyticsQuery()
    {
        Name = "Query";
        Description = "ABM funnel analytics. Every date range is [from, to); a figure with nothing to compute it from is null.";

        Field<NonNullGraphType<FunnelType>>("funnel").Description("Target → engaged → opportunity → won over the window.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("targetList", "The target list; all known accounts when absent.")
            .Argument<FunnelGroupByType>("groupBy", "Also give the funnel per group.")
            .Argument<IntervalType>("interval", "Also give the funnel per period (a trend).")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<FunnelQuery>().RunAsync(
                new FunnelRequest(c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<FunnelGroupBy?>("groupBy"), c.GetArgument<Interval?>("interval"),
                    // A query for the trend alone does not pay for the whole window's stages.
                    Totals: c.SubFields is not { } asked || asked.Values.Any(f => f.Field.Name == "stages" || f.Field.Name == "groups")), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListType>>>>("targetLists")
            .Description("Every target list, by name, with its accounts now: the names the targetList arguments take.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<TargetListsQuery>().RunAsync(ct)));

        Field<NonNullGraphType<SalesVelocityType>>("salesVelocity").Description("Win rate, deal size, days to close and pipeline velocity.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<AccountGroupByType>("groupBy", "Also give the figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<SalesVelocityQuery>().RunAsync(
                new SalesVelocityRequest(c.Window(), c.GetArgument<SalesGroupBy?>("groupBy")), ct)));

        Field<NonNullGraphType<NpsType>>("nps").Description("Net Promoter Score with its margin of error.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<IntervalType>("interval", "Also give a trend per period.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<NpsQuery>().RunAsync(Survey(c), ct)));

        Field<NonNullGraphType<CsatType>>("csat").Description("Customer satisfaction (CSAT).")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<IntervalType>("interval", "Also give a trend per period.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<CsatQuery>().RunAsync(Survey(c), ct)));

        Field<NonNullGraphType<CommentsType>>("comments").Description("Survey comments by sentiment, with their most frequent themes.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("survey", "nps or csat; both when absent.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .Argument<IntGraphType>("themes", $"Themes to list per group, 0 to {CommentsQuery.MaxThemes}; default 5.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<CommentsQuery>().RunAsync(new CommentsRequest(
                c.Window(), c.GetArgument<string?>("survey"), c.GetArgument<SurveyGroupBy?>("groupBy"), c.GetArgument("themes", 5)), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SurveyCommentType>>>>("surveyComments")
            .Description("Survey comments to read, lowest score first, then newest (sales role: they name accounts).")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("survey", "nps or csat; both when absent.")
            .Argument<IntGraphType>("maxScore", "Only answers scoring at most this (6: NPS detractors); all when absent.")
            .Argument<IntGraphType>("first", $"Comments to list, 0 to {SurveyCommentsQuery.MaxFirst}; default 10.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<SurveyCommentsQuery>().RunAsync(new SurveyCommentsRequest(
                c.Window(), c.GetArgument<string?>("survey"), c.GetArgument<int?>("maxScore"), c.GetArgument("first", 10)), ct)));

        Field<NonNullGraphType<NewOpportunitiesType>>("newOpportunities")
            .Description("Opportunities created in the window, largest first (sales role).")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("targetList", "Only opportunities of accounts on this target list.")
            .Argument<IntGraphType>("first", $"Opportunities to list, 0 to {NewOpportunitiesQuery.MaxFirst}; default 10.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<NewOpportunitiesQuery>().RunAsync(new NewOpportunitiesRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument("first", 10)), ct)));

        Field<NonNullGraphType<EngagedAccountConnectionType>>("engagedAccounts").Description("Engaged accounts by score, highest first, with their surge (sales role).")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("targetList", "Only accounts on this target list.")
            .Argument<IntGraphType>("first", $"Accounts per page, 0 to {EngagedAccountsQuery.MaxPageSize}; default 50.")
            .Argument<StringGraphType>("after", "The cursor after which the page starts.")
            .Argument<StringGraphType>("tier", "Only accounts of this tier.").Argument<StringGraphType>("owner", "Only accounts of this owner.")
            .Argument<FloatGraphType>("minScore", "Only accounts with at least this score; default the model's threshold.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<EngagedAccountsQuery>().RunAsync(new EngagedAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"),
                c.GetArgument<double?>("minScore"), c.GetArgument("first", 50),
                c.GetArgument<string?>("after") is { } after ? EngagedAccountCursor.Decode(after) : null), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagedAccountType>>>>("surgingAccounts")
            .Description("Engaged accounts whose last 7 days of the window reached minSurge times their usual week, strongest surge first (sales role).")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<StringGraphType>("targetList", "Only accounts on this target list.")
            .Argument<IntGraphType>("first", $"Accounts to list, 0 to {SurgingAccountsQuery.MaxFirst}; default 10.")
            .Argument<FloatGraphType>("minSurge", "The least surge listed; default 1.5 (half again their usual week).")
            .Argument<StringGraphType>("tier", "Only accounts of this tier.").Argument<StringGraphType>("owner", "Only accounts of this owner.")
            .Argument<FloatGraphType>("minScore", "Only accounts with at least this score; default the model's threshold.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<SurgingAccountsQuery>().RunAsync(new SurgingAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument("first", 10), c.GetArgument("minSurge", 1.5),
                c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"), c.GetArgument<double?>("minScore")), ct)));

        Field<AccountType>("account").Description("One account with its timeline in the window; null when nothing is known of it (sales role).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The account's id.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<IntGraphType>("maxEvents", $"Most events to return, newest first, up to {AccountTimelineQuery.MaxEvents}; default 100.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<AccountTimelineQuery>().RunAsync(
                new AccountTimelineRequest(c.GetArgument<string>("id"), c.Window(), c.GetArgument("maxEvents", 100)), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttributionRowType>>>>("attribution")
            .Description("Pipeline and won revenue attributed to channels, sources or campaigns: first touch, last touch and linear.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<NonNullGraphType<AttributionDimensionType>>("dimension", "What to attribute revenue to.")
            .Argument<StringGraphType>("targetList", "Only opportunities of accounts on this target list.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => (await c.RunAsync(ct => c.Metric<AttributionQuery>().RunAsync(
                new AttributionRequest(c.Window(), c.GetArgument<AttributionDimension>("dimension"), c.GetArgument<string?>("targetList")), ct))).Rows);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignPerformanceType>>>>("campaignPerformance")
            .Description("Per campaign: accounts reached and engaged, pipeline influenced, spend and cost per engaged account.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<CampaignPerformanceQuery>().RunAsync(c.Window(), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportRunType>>>>("reportRuns").Description("Report runs, newest first (viewer role).")
            .Argument<StringGraphType>("report", "Only runs of this report.")
            .Argument<IntGraphType>("first", "Runs to return, 1 to 500; default 50.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 50);
                if (first is < 1 or > 500)
                {
                    throw new ExecutionError($"'first' must be between 1 and 500; it is {first}.") { Code = MetricResolvers.InvalidArgument };
                }

                return await c.Metric<ReportRunStore>().ListAsync(c.GetArgument<string?>("report"), first, c.CancellationToken);
            });

        Field<NonNullGraphType<EngagementType>>("engagement").Description("Engagement by channel and by campaign: events, accounts reached and engaged accounts reached.")
            .Argument<NonNullGraphType<DateType>>("from", FromDoc).Argument<NonNullGraphType<DateType>>("to", ToDoc)
            .Argument<IntervalType>("interval", "Also give a trend per period.")
            .Argument<StringGraphType>("targetList", "Only accounts on this target list; all accounts when absent.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<EngagementQuery>().RunAsync(
                new EngagementRequest(c.Window(), c.GetArgument<Interval?>("interval"), c.GetArgument<string?>("targetList")), ct)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardType>>>>("dashboards").Description("Every dashboard definition, in file-name order.")
            .WithComplexityImpact(1, 1)
            .AuthorizeWithPolicy(Roles.Viewer)
            .Resolve(c => c.Metric<DashboardCatalogHolder>().Catalog.Dashboards);

        Field<DashboardType>("dashboard").Description("One dashboard definition; null when there is none with that id.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The dashboard's id.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .Resolve(c => c.Metric<DashboardCatalogHolder>().Catalog.Find(c.GetArgument<string>("id")));

        Field<NonNullGraphType<ScoringModelType>>("scoringModel").Description("The engagement scoring model in use.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.Metric<ScoringModelStore>().CurrentAsync(c.CancellationToken));
    }

    private static SurveyRequest Survey(IResolveFieldContext context) =>
        new(context.Window(), context.GetArgument<Interval?>("interval"), context.GetArgument<SurveyGroupBy?>("groupBy"));
}
