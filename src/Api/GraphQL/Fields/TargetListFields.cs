using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.TargetLists;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>Rule (dynamic) target lists: saved and deleted by admins; their members recomputed at once and on a schedule.</summary>
internal static class TargetListFields
{
    public static AnalyticsMutation AddTargetListFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<TargetListType>>("saveTargetListRule")
            .Description("Saves a rule list (new, or its rule replaced) and recomputes its members at once; the name may not be an imported list's (admin role).")
            .Argument<NonNullGraphType<StringGraphType>>("name", $"The list's name, 1 to {TargetListRuleStore.MaxNameLength} characters: what targetList arguments take.")
            .Argument<NonNullGraphType<TargetListRuleInputType>>("rule", "Its rule.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(async ct =>
            {
                var saved = await c.Service<TargetListRuleStore>().SaveAsync(c.GetArgument<string>("name"), c.GetArgument<TargetListRule>("rule"), ct);
                await c.Service<TargetListRecompute>().RecomputeOneAsync(saved.Name, ct);
                return await ListAsync(c, saved.Name, ct);
            }));

        mutation.Field<NonNullGraphType<TargetListType>>("deleteTargetListRule")
            .Description("Deletes a rule list: its members leave it, and targetList arguments no longer take its name (admin role).")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The rule list's name.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(async ct =>
            {
                var deleted = await c.Service<TargetListRuleStore>().DeleteAsync(c.GetArgument<string>("name"), ct);
                await c.Service<TargetListRecompute>().RecomputeOneAsync(deleted.Name, ct);
                return new TargetList(deleted.Name, 0, TargetListKind.Rule, deleted.Rule, deleted.UpdatedAt);
            }));
        return mutation;
    }

    private static async Task<TargetList> ListAsync(IResolveFieldContext c, string name, CancellationToken ct) =>
        (await c.Service<TargetListsQuery>().RunAsync(ct)).Single(l => l.Name == name);
}
