using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Scoring;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The engagement scoring model: read by viewers, changed by admins.</summary>
internal static class ScoringFields
{
    public static AnalyticsQuery AddScoringFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ScoringModelType>>("scoringModel").Description("The engagement scoring model in use.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.Service<ScoringModelStore>().CurrentAsync(c.CancellationToken));
        return query;
    }

    public static AnalyticsMutation AddScoringFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<ScoringModelType>>("setScoringModel")
            .Description("Replaces the engagement scoring model; every metric prices past events with it from now on (admin role).")
            .Argument<NonNullGraphType<ScoringModelInputType>>("model", "The complete new model.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<ScoringModelStore>().SaveAsync(c.GetArgument<ScoringModel>("model"), c.Caller(), ct)));

        mutation.Field<NonNullGraphType<ScoringModelType>>("resetScoringModel")
            .Description("Goes back to the default scoring model of the design (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.Service<ScoringModelStore>().SaveAsync(ScoringModel.Default, c.Caller(), c.CancellationToken));
        return mutation;
    }
}
