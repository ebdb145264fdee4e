using Analytics.Metrics.Common;

namespace Analytics.Metrics.TargetLists;

/// <summary>An account that joined or left a rule list, and when (the recompute that saw it).</summary>
public sealed record TargetListChange(string AccountId, bool Joined, DateTime At);

/// <summary>A rule list's latest joins and leaves, newest first (<see cref="TargetListTables.Changes"/>, sorted by list and time).</summary>
public sealed class TargetListChangesQuery(IClickHouseGateway gateway)
{
    /// <summary>Most changes one answer lists.</summary>
    public const int MaxFirst = 500;

    private const string Sql = """
        SELECT account_id, toBool(joined) AS joined, at FROM target_list_changes
        WHERE list = {list:String}
        ORDER BY at DESC, account_id
        LIMIT {first:UInt32}
        """;

    public Task<List<TargetListChange>> RunAsync(string list, int first, CancellationToken cancellationToken) =>
        first is < 0 or > MaxFirst
            ? throw new Common.MetricArgumentException($"Between 0 and {MaxFirst} changes can be listed; {first} were asked.")
            : gateway.ListAsync(Sql, new QueryParameters().Add("list", list).Add("first", (uint)first),
                r => new TargetListChange(r.Get<string>("account_id"), r.Get<bool>("joined"), r.Get<DateTime>("at")), cancellationToken);
}
