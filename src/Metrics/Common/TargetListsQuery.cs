namespace Analytics.Metrics.Common;

/// <summary>A target list and how many accounts are on it now.</summary>
public sealed record TargetList(string Name, long Accounts);

/// <summary>
/// Every target list that has ever had a member (the lists a metric's <c>targetList</c> accepts), by name, with its
/// current members counted; a list whose members were all removed stays, with 0.
/// </summary>
public sealed class TargetListsQuery(IClickHouseGateway gateway)
{
    private const string Sql = """
        SELECT list, countIf(removed_at IS NULL) AS accounts
        FROM target_list_members FINAL
        GROUP BY list
        ORDER BY list
        """;

    public Task<List<TargetList>> RunAsync(CancellationToken cancellationToken) =>
        gateway.ListAsync(Sql, new QueryParameters(), r => new TargetList(r.Get<string>("list"), (long)r.Get<ulong>("accounts")), cancellationToken);
}
