using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Scoring;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>Changes through GraphQL; all of them need the admin role.</summary>
public sealed class AnalyticsMutation : ObjectGraphType
{
    public AnalyticsMutation()
    {
        Name = "Mutation";
        Description = "Changes to the server's configuration (admin role).";

        Field<NonNullGraphType<ScoringModelType>>("setScoringModel")
            .Description("Replaces the engagement scoring model; every metric prices past events with it from now on (admin role).")
            .Argument<NonNullGraphType<ScoringModelInputType>>("model", "The complete new model.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<ScoringModelStore>().SaveAsync(
                c.GetArgument<ScoringModel>("model"), c.User?.Identity?.Name ?? "unknown", ct)));

        Field<NonNullGraphType<ScoringModelType>>("resetScoringModel")
            .Description("Goes back to the default scoring model of the design (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.Metric<ScoringModelStore>().SaveAsync(
                ScoringModel.Default, c.User?.Identity?.Name ?? "unknown", c.CancellationToken));
    }
}
