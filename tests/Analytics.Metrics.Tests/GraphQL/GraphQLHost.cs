namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>The whole server in this process, on a database of its own in this process's engine, with one key per role.</summary>
internal sealed class GraphQLHost(string owner, IDictionary<string, string?>? extra = null) : InProcessHost<Program>(owner, extra)
{
    public const string ViewerKey = HostSettings.ViewerKey;
    public const string SalesKey = HostSettings.SalesKey;
    public const string AdminKey = HostSettings.AdminKey;
    public const string IngestKey = HostSettings.IngestKey;

    /// <summary>Posts a query and returns the status and the parsed body.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> QueryAsync(string query, object? variables = null, string key = AdminKey) =>
        PostGraphQLAsync(query, variables, key);
}

/// <summary>
/// In-process hosts start one after another: WebApplicationFactory finds the host being built through a process-wide
/// diagnostic listener, so two hosts building at once may catch each other's.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class GraphQLHosts
{
    public const string Collection = "graphql hosts";
}
