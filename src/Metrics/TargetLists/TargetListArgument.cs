using Analytics.Metrics.Common;

namespace Analytics.Metrics.TargetLists;

/// <summary>A metric's <c>targetList</c> argument, imported or rule list alike: a request naming a list that has never had a member (and is no rule list) is an error, not an empty answer.</summary>
public static class TargetListArgument
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

        // A rule list exists from its save on, before its first member.
        const string sql = """
            SELECT (SELECT count() FROM target_list_members WHERE list = {list:String})
                 + (SELECT count() FROM target_list_rules FINAL WHERE name = {list:String} AND deleted = 0) AS n
            """;
        var found = await gateway.ListAsync(sql, new QueryParameters().Add("list", list), r => r.Get<ulong>("n"), cancellationToken);
        if (found[0] == 0)
        {
            throw new MetricArgumentException($"There is no target list named '{list}'.");
        }
    }
}
