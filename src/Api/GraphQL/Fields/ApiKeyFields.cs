using Analytics.Api.Auth;
using Analytics.Api.Auth.Keys;
using Analytics.Api.GraphQL.Types;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>API key management (admin role): list, create (the secret shown once), revoke.</summary>
internal static class ApiKeyFields
{
    public static AnalyticsQuery AddApiKeyFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("Every API key, configured ones first, with when each was last used; never a secret (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.Service<ManagedApiKeys>().ListAsync(c.CancellationToken));
        return query;
    }

    public static AnalyticsMutation AddApiKeyFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<CreatedApiKeyType>>("createApiKey")
            .Description("Creates an API key; its secret is in this answer only (admin role). It works on every server within Auth:RefreshSeconds.")
            .Argument<NonNullGraphType<StringGraphType>>("name", $"A name for people and logs, 1 to {ManagedApiKeys.MaxNameLength} characters.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles", "Its roles: ingest, viewer, sales, admin.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await Refusing(() => c.Service<ManagedApiKeys>().CreateAsync(
                c.GetArgument<string>("name"), c.GetArgument<List<string>>("roles"), c.Caller(), c.CancellationToken)));

        mutation.Field<NonNullGraphType<ApiKeyType>>("revokeApiKey")
            .Description("Revokes an API key created through the API; every server refuses it within Auth:RefreshSeconds (admin role).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The key's id.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await Refusing(() => c.Service<ManagedApiKeys>().RevokeAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken)));
        return mutation;
    }

    private static async Task<T> Refusing<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (ApiKeyRequestException e)
        {
            throw new ExecutionError(e.Message) { Code = MetricResolvers.InvalidArgument };
        }
    }
}
