namespace Analytics.Reports.Tests.Support;

/// <summary>
/// The whole server in this process, listening on a real loopback port (Kestrel), on a database of its own, with its
/// own renderers: the messages these tests receive carry the real weekly executive PDF.
/// </summary>
internal sealed class ReportsHost : InProcessHost<Program>
{
    public const string AdminKey = HostSettings.AdminKey;
    public const string ViewerKey = HostSettings.ViewerKey;

    public ReportsHost(string owner, IDictionary<string, string?>? extra = null)
        : base(owner, extra)
    {
        EngineKeepAlive.Ensure();
        UseKestrel(0);
    }

    public string OutboxPath => Settings["Reports:OutboxPath"];

    /// <summary>Posts a GraphQL query and returns the parsed body.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null, string key = AdminKey) =>
        (await PostGraphQLAsync(query, variables, key)).Body;
}

/// <summary>In-process hosts start one after another (WebApplicationFactory finds its host through a process-wide listener).</summary>
[CollectionDefinition(Collection)]
public sealed class ReportsHosts
{
    public const string Collection = "reports hosts";
}
