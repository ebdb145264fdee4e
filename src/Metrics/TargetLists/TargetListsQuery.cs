using Analytics.Metrics.Common;

namespace Analytics.Metrics.TargetLists;

/// <summary>How a list gets its members: imported (CSV <c>target-accounts</c>) or computed from a rule.</summary>
public enum TargetListKind
{
    Imported,
    Rule,
}

/// <summary>A target list and how many accounts are on it now; a rule list with its rule and when it was saved.</summary>
public sealed record TargetList(string Name, long Accounts, TargetListKind Kind = TargetListKind.Imported, TargetListRule? Rule = null, DateTime? SavedAt = null);

/// <summary>
/// Every target list (the lists a metric's <c>targetList</c> accepts), by name, with its current members counted: each
/// imported list that has ever had a member (one whose members were all removed stays, with 0), and each rule list,
/// even before its first member. A deleted rule list is gone.
/// </summary>
public sealed class TargetListsQuery(IClickHouseGateway gateway, TargetListRuleStore rules)
{
    private const string Sql = """
        SELECT list, countIf(removed_at IS NULL) AS accounts
        FROM target_list_members FINAL
        GROUP BY list
        ORDER BY list
        """;

    public async Task<List<TargetList>> RunAsync(CancellationToken cancellationToken)
    {
        var counts = (await gateway.ListAsync(Sql, new QueryParameters(), r => (List: r.Get<string>("list"), Accounts: (long)r.Get<ulong>("accounts")), cancellationToken))
            .ToDictionary(c => c.List, c => c.Accounts, StringComparer.Ordinal);
        var ruleLists = await rules.ListAsync(cancellationToken);
        var everRules = (await rules.EverRuleListsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return counts.Where(c => !everRules.Contains(c.Key)).Select(c => new TargetList(c.Key, c.Value))
            .Concat(ruleLists.Select(r => new TargetList(r.Name, counts.GetValueOrDefault(r.Name), TargetListKind.Rule, r.Rule, r.UpdatedAt)))
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
    }
}
