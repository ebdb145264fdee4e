namespace Analytics.Metrics.Common;

/// <summary>
/// The values an account attribute takes now (every tier, every owner, …), sorted, without missing or empty ones: the
/// choices a dashboard filter on that attribute offers.
/// </summary>
public sealed class AccountAttributeValuesQuery(IClickHouseGateway gateway)
{
    // The column comes from AccountGroups' allow-list, never from the caller.
    private const string Sql = """
        SELECT DISTINCT assumeNotNull({column}) AS value
        FROM accounts FINAL
        WHERE {column} IS NOT NULL AND {column} != ''
        ORDER BY value
        """;

    public Task<List<string>> RunAsync(AccountAttribute attribute, CancellationToken cancellationToken) =>
        gateway.ListAsync(Sql.Replace("{column}", AccountGroups.Column(attribute), StringComparison.Ordinal), new QueryParameters(),
            r => r.Get<string>("value"), cancellationToken);
}
