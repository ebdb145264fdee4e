using Analytics.Storage;

namespace Analytics.Ingestion.Identity;

/// <summary>What is stored of one Segment group: the account it counts for, its traits, its members' company domains.</summary>
public sealed record StoredGroup(string GroupId, string AccountId, Records.GroupTraits Traits, IReadOnlyList<string> MemberDomains, DateTime UpdatedAt = default)
{
    /// <summary>True while no CRM account was found for the group: it is an account of its own.</summary>
    public bool IsOwnAccount => AccountId == GroupId;
}

/// <summary>An account's attributes as stored, with where each came from (<c>origin</c>, <c>group_attributes</c>).</summary>
public sealed record StoredAccount(
    string AccountId, string? Name, string? Domain, string? Industry, uint? Employees, decimal? AnnualRevenue,
    string? Country, string? Tier, string? Owner, DateTime UpdatedAt, string Origin, IReadOnlyList<string> GroupAttributes);

/// <summary>Reads what linking Segment groups to CRM accounts needs from ClickHouse, a batch at a time.</summary>
public sealed class GroupLookup(IClickHouseGateway gateway)
{
    /// <summary>The stored groups among <paramref name="groupIds"/>.</summary>
    public async Task<Dictionary<string, StoredGroup>> GroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken) =>
        groupIds.Count == 0
            ? new Dictionary<string, StoredGroup>(StringComparer.Ordinal)
            : await GroupsWhereAsync("group_id IN {ids:Array(String)}", new QueryParameters().Add("ids", groupIds.ToArray()), cancellationToken);

    /// <summary>Groups that are still accounts of their own and whose domain or a member's is one of <paramref name="domains"/>.</summary>
    public async Task<Dictionary<string, StoredGroup>> OwnAccountGroupsOfAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken) =>
        domains.Count == 0
            ? new Dictionary<string, StoredGroup>(StringComparer.Ordinal)
            : await GroupsWhereAsync(
                "account_id = group_id AND (domain IN {domains:Array(String)} OR hasAny(member_domains, {domains:Array(String)}))",
                new QueryParameters().Add("domains", domains.ToArray()), cancellationToken);

    /// <summary>The groups that count for these accounts (a CRM import fills its gaps from their traits).</summary>
    public async Task<Dictionary<string, StoredGroup>> GroupsOfAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken) =>
        accountIds.Count == 0
            ? new Dictionary<string, StoredGroup>(StringComparer.Ordinal)
            : await GroupsWhereAsync("account_id IN {ids:Array(String)}", new QueryParameters().Add("ids", accountIds.ToArray()), cancellationToken);

    /// <summary>
    /// The CRM account of each domain, by the domain the CRM gave it (never one a group's traits gave): the smallest
    /// account id when several share it, as <see cref="IdentityLookup.AccountsByDomainAsync"/> does.
    /// </summary>
    public async Task<Dictionary<string, string>> CrmAccountsByDomainAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (domains.Count == 0)
        {
            return accounts;
        }

        const string sql = """
            SELECT domain, min(account_id)
            FROM accounts FINAL
            WHERE domain IN {domains:Array(String)} AND origin = 'crm' AND NOT has(group_attributes, 'domain')
            GROUP BY domain
            """;
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("domains", domains.ToArray()), cancellationToken))
        {
            accounts[row.Get<string>(0)] = row.Get<string>(1);
        }

        return accounts;
    }

    /// <summary>The stored accounts among <paramref name="accountIds"/>.</summary>
    public async Task<Dictionary<string, StoredAccount>> AccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, StoredAccount>(StringComparer.Ordinal);
        if (accountIds.Count == 0)
        {
            return accounts;
        }

        const string sql = """
            SELECT account_id, name, domain, industry, employees, annual_revenue, country, tier, owner, updated_at, origin, group_attributes
            FROM accounts FINAL
            WHERE account_id IN {ids:Array(String)}
            """;
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("ids", accountIds.ToArray()), cancellationToken))
        {
            var account = new StoredAccount(
                row.Get<string>(0), row.Get<string?>(1), row.Get<string?>(2), row.Get<string?>(3), row.Get<uint?>(4), row.Get<decimal?>(5),
                row.Get<string?>(6), row.Get<string?>(7), row.Get<string?>(8), row.Get<DateTime>(9), row.Get<string>(10), row.Get<string[]>(11));
            accounts[account.AccountId] = account;
        }

        return accounts;
    }

    private async Task<Dictionary<string, StoredGroup>> GroupsWhereAsync(string condition, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, StoredGroup>(StringComparer.Ordinal);
        var sql = $"""
            SELECT group_id, account_id, name, domain, industry, employees, member_domains, updated_at
            FROM group_accounts FINAL
            WHERE {condition}
            """;
        await foreach (var row in gateway.QueryAsync(sql, parameters, cancellationToken))
        {
            var group = new StoredGroup(
                row.Get<string>(0), row.Get<string>(1),
                new Records.GroupTraits(row.Get<string?>(2), row.Get<string?>(3), row.Get<string?>(4), row.Get<uint?>(5)),
                row.Get<string[]>(6), row.Get<DateTime>(7));
            groups[group.GroupId] = group;
        }

        return groups;
    }
}
