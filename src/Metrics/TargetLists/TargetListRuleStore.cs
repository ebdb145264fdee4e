using Analytics.Metrics.Common;

namespace Analytics.Metrics.TargetLists;

/// <summary>A rule list as stored: its name, its rule, when it was last saved.</summary>
public sealed record StoredRuleList(string Name, TargetListRule Rule, DateTime UpdatedAt);

/// <summary>
/// The rule lists' rules (<see cref="TargetListTables.Rules"/>): read, saved, deleted. A rule list's name may not be
/// an imported list's: both are names the <c>targetList</c> arguments take, and their members share one table.
/// </summary>
public sealed class TargetListRuleStore(IClickHouseGateway gateway, TimeProvider clock)
{
    /// <summary>The longest name of a list.</summary>
    public const int MaxNameLength = 200;

    private readonly IncreasingStamps _stamps = new(clock);

    private const string RulesSql = """
        SELECT name, rule, updated_at FROM target_list_rules FINAL
        WHERE deleted = 0 AND (NOT {has_names:Bool} OR name IN {names:Array(String)})
        ORDER BY name
        """;

    /// <summary>Every rule list, by name.</summary>
    public Task<List<StoredRuleList>> ListAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    /// <summary>The rule lists among <paramref name="names"/>.</summary>
    public Task<List<StoredRuleList>> ListAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) => ReadAsync(names, cancellationToken);

    /// <summary>The names of every list that was a rule list, deleted ones included (their old members stay, removed).</summary>
    public Task<List<string>> EverRuleListsAsync(CancellationToken cancellationToken) =>
        gateway.ListAsync("SELECT DISTINCT name FROM target_list_rules", new QueryParameters(), r => r.Get<string>(0), cancellationToken);

    /// <summary>Saves <paramref name="rule"/> as the rule of <paramref name="name"/> (trimmed); an error when either does not fit.</summary>
    public async Task<StoredRuleList> SaveAsync(string name, TargetListRule rule, CancellationToken cancellationToken)
    {
        name = ValidName(name);
        rule = rule.Validated();
        if (await IsImportedAsync(name, cancellationToken))
        {
            throw new MetricArgumentException($"'{name}' is an imported target list; a rule list needs a name of its own.");
        }

        var saved = new StoredRuleList(name, rule, _stamps.Next());
        await gateway.InsertAsync(TargetListTables.Rules.Name, ["name", "rule", "updated_at", "deleted"], [[name, rule.ToJson(), saved.UpdatedAt, (byte)0]], cancellationToken);
        return saved;
    }

    /// <summary>Marks the rule list <paramref name="name"/> deleted; an error when there is none.</summary>
    public async Task<StoredRuleList> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var found = await ListAsync([name.Trim()], cancellationToken);
        if (found.Count == 0)
        {
            throw new MetricArgumentException($"There is no rule list named '{name.Trim()}'.");
        }

        await gateway.InsertAsync(TargetListTables.Rules.Name, ["name", "rule", "updated_at", "deleted"], [[found[0].Name, found[0].Rule.ToJson(), _stamps.Next(), (byte)1]], cancellationToken);
        return found[0];
    }

    private static string ValidName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw new MetricArgumentException($"A list's name has 1 to {MaxNameLength} characters (spaces around it trimmed); it has {trimmed.Length}.");
    }

    // Imported: members in target_list_members under a name that never was a rule list's.
    private async Task<bool> IsImportedAsync(string name, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT toBool((SELECT count() FROM target_list_members WHERE list = {name:String}) > 0
               AND (SELECT count() FROM target_list_rules WHERE name = {name:String}) = 0) AS imported
            """;
        var rows = await gateway.ListAsync(sql, new QueryParameters().Add("name", name), r => r.Get<bool>("imported"), cancellationToken);
        return rows[0];
    }

    private Task<List<StoredRuleList>> ReadAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken) =>
        gateway.ListAsync(RulesSql, new QueryParameters().Add("has_names", names is not null).Add("names", (names ?? []).ToArray()),
            r => new StoredRuleList(r.Get<string>("name"), TargetListRule.FromJson(r.Get<string>("rule")), r.Get<DateTime>("updated_at")), cancellationToken);
}
