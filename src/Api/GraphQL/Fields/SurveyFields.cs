using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Common;
using Analytics.Metrics.Sentiment;
using Analytics.Metrics.Surveys;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The customer's voice: NPS, CSAT and the comments.</summary>
internal static class SurveyFields
{
    public static AnalyticsQuery AddSurveyFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<NpsType>>("nps").Description("Net Promoter Score with its margin of error.")
            .WindowArguments()
            .Argument<IntervalType>("interval", "Also give a trend per period.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .Argument<IntGraphType>("rollingDays", $"With interval: each trend point covers the R days before its period's end (1 to {SurveyRequest.MaxRollingDays}).")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<NpsQuery>().RunAsync(Survey(c) with { RollingDays = c.GetArgument<int?>("rollingDays") }, ct)));

        query.Field<NonNullGraphType<NpsComparisonType>>("npsComparison")
            .Description("This window's NPS against another (usually the one before): the difference, its 95% margin of error, and whether it is bigger than the margin.")
            .WindowArguments()
            .Argument<NonNullGraphType<DateType>>("previousFrom", "The other window's first day (inclusive).")
            .Argument<NonNullGraphType<DateType>>("previousTo", "The day after the other window's last day (exclusive).")
            .Argument<SurveyGroupByType>("groupBy", "Also give both windows' figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<NpsComparisonQuery>().RunAsync(new NpsComparisonRequest(
                c.Window(), c.Window("previousFrom", "previousTo"), c.GetArgument<SurveyGroupBy?>("groupBy")), ct)));

        query.Field<NonNullGraphType<CsatType>>("csat").Description("Customer satisfaction (CSAT).")
            .WindowArguments()
            .Argument<IntervalType>("interval", "Also give a trend per period.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<CsatQuery>().RunAsync(Survey(c), ct)));

        query.Field<NonNullGraphType<CommentsType>>("comments").Description("Survey comments by sentiment, with their most frequent themes.")
            .WindowArguments()
            .Argument<StringGraphType>("survey", "nps or csat; both when absent.").Argument<SurveyGroupByType>("groupBy", "Also give the figures per group.")
            .Argument<IntGraphType>("themes", $"Themes to list per group, 0 to {CommentsQuery.MaxThemes}; default 5.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<CommentsQuery>().RunAsync(new CommentsRequest(
                c.Window(), c.GetArgument<string?>("survey"), c.GetArgument<SurveyGroupBy?>("groupBy"), c.GetArgument("themes", 5)), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SurveyCommentType>>>>("surveyComments")
            .Description("Survey comments to read, lowest score first, then newest (sales role: they name accounts).")
            .WindowArguments()
            .Argument<StringGraphType>("survey", "nps or csat; both when absent.")
            .Argument<IntGraphType>("maxScore", "Only answers scoring at most this (6: NPS detractors); all when absent.")
            .Argument<IntGraphType>("first", $"Comments to list, 0 to {SurveyCommentsQuery.MaxFirst}; default 10.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<SurveyCommentsQuery>().RunAsync(new SurveyCommentsRequest(
                c.Window(), c.GetArgument<string?>("survey"), c.GetArgument<int?>("maxScore"), c.GetArgument("first", 10)), ct)));
        return query;
    }

    private static SurveyRequest Survey(IResolveFieldContext context) =>
        new(context.Window(), context.GetArgument<Interval?>("interval"), context.GetArgument<SurveyGroupBy?>("groupBy"));
}
