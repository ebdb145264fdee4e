using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Reports.FollowUps;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The closed loop: the follow-ups of detractor answers (sales), moving them along (sales), and how well the loop is closed (viewer).</summary>
internal static class FollowUpFields
{
    public static AnalyticsQuery AddFollowUpFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FollowUpType>>>>("followUps")
            .Description("Follow-ups of detractor answers, newest answer first (sales role: they name accounts and owners).")
            .Argument<FollowUpStatusType>("status", "Only follow-ups in this status; all when absent.")
            .Argument<StringGraphType>("owner", "Only follow-ups of accounts this owner has now.")
            .Argument<IntGraphType>("first", $"Follow-ups to list, 0 to {FollowUpStore.MaxFirst}; default 50.", a => a.DefaultValue = 50)
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<FollowUpStore>().ListAsync(
                c.GetArgument<FollowUpStatus?>("status"), c.GetArgument<string?>("owner"), c.GetArgument("first", 50), ct)));

        query.Field<NonNullGraphType<ClosedLoopType>>("closedLoop")
            .Description("How the loop was closed with the detractors who answered in [from, to): contacted, within 48 hours, resolved, median hours to contact.")
            .WindowArguments()
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<ClosedLoopQuery>().RunAsync(c.Window(), ct)));
        return query;
    }

    public static AnalyticsMutation AddFollowUpFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<FollowUpType>>("updateFollowUp")
            .Description("Moves a follow-up forward (OPEN → CONTACTED → RESOLVED) or adds a note at its status; a move back is refused (sales role).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The follow-up's id.")
            .Argument<NonNullGraphType<FollowUpStatusType>>("status", "The status to move it to.")
            .Argument<StringGraphType>("note", "What was done; kept in the follow-up's history.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c =>
            {
                try
                {
                    return await c.Service<FollowUpStore>().UpdateAsync(new FollowUpUpdate(
                        c.GetArgument<string>("id"), c.GetArgument<FollowUpStatus>("status"), c.GetArgument<string?>("note"), c.Caller()), c.CancellationToken);
                }
                catch (FollowUpUpdateException e)
                {
                    throw new ExecutionError(e.Message) { Code = MetricResolvers.InvalidArgument };
                }
            });
        return mutation;
    }
}
