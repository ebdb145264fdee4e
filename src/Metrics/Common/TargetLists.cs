namespace Analytics.Metrics.Common;

/// <summary>Target lists: a request naming a list that has never had a member is an error, not an empty answer.</summary>
public static class TargetLists
{
    /// <summary>The SQL of the account ids on <c>{list:String}</c> now (members not removed).</summary>
    public const string MembersSql = """
        SELECT account_id FROM target_list_members FINAL
        WHERE list = {list:String} AND removed_at IS NULL
        """;

    public static async Task EnsureExistsAsync(IClickHouseGateway gateway, string? list, CancellationToken cancellationToken)
    {
        if (list is null)
        {
            return;
        }

        const string sql = "SELECT count() AS n FROM target_list_members WHERE list = {list:String}";
        var found = await gateway.ListAsync(sql, new QueryParameters().Add("list", list), r => r.Get<ulong>("n"), cancellationToken);
        if (found[0] == 0)
        {
            throw new MetricArgumentException($"There is no target list named '{list}'.");
        }
    }
}
