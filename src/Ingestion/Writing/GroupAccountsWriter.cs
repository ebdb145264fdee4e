using Analytics.Ingestion.Identity;
using Analytics.Ingestion.Records;
using Analytics.Ingestion.Spool;
using Analytics.Storage;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Accounts and Segment groups, a batch at a time. CRM records are stored first, their empty attributes filled from the
/// traits of a group that counts for them (<see cref="AccountPrecedence"/>). Then every group id the batch names gets
/// its account (<see cref="GroupLinking"/>), which identity links and events take instead of the group id. A group that
/// was an account of its own and now finds a CRM account, by a group call's domain or members or by a CRM import of
/// that domain, has what was stored under it moved there (<see cref="Reattribution.MoveAccountsAsync"/>), before its
/// row in <c>group_accounts</c> says so: a replay after a crash in the middle moves again.
/// </summary>
public sealed class GroupAccountsWriter(IClickHouseGateway gateway, Reattribution reattribution)
{
    private readonly GroupLookup _lookup = new(gateway);

    /// <summary>The account of every group id the batch names, and what moving groups to CRM accounts moved.</summary>
    public sealed record Outcome(IReadOnlyDictionary<string, string> AccountOfGroup, int Moved, IReadOnlyCollection<uint> MovedMonths)
    {
        /// <summary>The account a group id (or an account id) stands for.</summary>
        public string? AccountOf(string? id) => id is null ? null : AccountOfGroup.GetValueOrDefault(id, id);
    }

    /// <summary>Stores the batch's CRM account records; returns how many.</summary>
    public async Task<int> StoreCrmAccountsAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken)
    {
        var records = entries.Where(e => e.Record is AccountRecord).Select(e => (Entry: e, Account: (AccountRecord)e.Record!)).ToList();
        if (records.Count == 0)
        {
            return 0;
        }

        var groups = await _lookup.GroupsOfAccountsAsync(records.Select(r => r.Account.AccountId).Distinct().ToList(), cancellationToken);
        var traitsOf = groups.Values.GroupBy(g => g.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.GroupId, StringComparer.Ordinal).Aggregate((GroupTraits?)null, (t, x) => GroupLinking.Merge(x.Traits, t)));
        var rows = records.Select(r => RecordRows.Account(AccountPrecedence.FromCrm(r.Account, traitsOf.GetValueOrDefault(r.Account.AccountId), r.Entry.ReceivedAt))).ToList();
        await gateway.InsertAsync("accounts", RecordRows.AccountColumns, rows, cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// Decides the account of each group the batch names (by group calls, identify calls' and events' <c>groupId</c>)
    /// or whose domain its CRM records bring, moves groups that found a CRM account, and stores the groups and their
    /// traits. <paramref name="known"/> are the stored identities of the batch's aliases, for the members' emails.
    /// </summary>
    public async Task<Outcome> ResolveAsync(IReadOnlyList<SpoolEntry> entries, IReadOnlyDictionary<string, AliasIdentity> known, CancellationToken cancellationToken)
    {
        var calls = entries.Select(e => e.Record).OfType<IdentityLink>().Where(l => l.Group is not null && l.AccountId is not null).ToList();
        var named = entries.Select(e => e.Record switch
            {
                IdentityLink l => l.AccountId,
                EngagementEvent ev => ev.AccountId,
                _ => null,
            })
            .Where(id => id is not null).Cast<string>().ToHashSet(StringComparer.Ordinal);
        var crmDomains = entries.Select(e => e.Record).OfType<AccountRecord>()
            .Select(a => EmailDomains.Normalize(a.Domain)).Where(d => d is not null && !EmailDomains.IsFreeMail(d)).Cast<string>().Distinct().ToList();
        if (named.Count == 0 && crmDomains.Count == 0)
        {
            return new Outcome(new Dictionary<string, string>(), 0, []);
        }

        var stored = await _lookup.GroupsAsync(named, cancellationToken);
        var groups = Accumulate(calls, stored, MemberEmails(entries, known));
        foreach (var (id, group) in await _lookup.OwnAccountGroupsOfAsync(crmDomains, cancellationToken))
        {
            groups.TryAdd(id, group);
        }

        var accountOfGroup = stored.Values.ToDictionary(g => g.GroupId, g => g.AccountId, StringComparer.Ordinal);
        if (groups.Count == 0)
        {
            return new Outcome(accountOfGroup, 0, []);
        }

        var crmIds = (await _lookup.AccountsAsync(groups.Keys, cancellationToken)).Values.Where(a => a.Origin == "crm").Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var evidence = groups.Values.ToDictionary(g => g.GroupId, g => GroupLinking.Evidence(g.Traits.Domain, g.MemberDomains), StringComparer.Ordinal);
        var crmByDomain = await _lookup.CrmAccountsByDomainAsync(evidence.Values.SelectMany(d => d).Distinct().ToList(), cancellationToken);
        var decided = groups.Values.Select(g => g with
            {
                AccountId = g.IsOwnAccount
                    ? GroupLinking.AccountOf(g.GroupId, crmIds.Contains(g.GroupId), evidence[g.GroupId], crmByDomain)
                    : g.AccountId,
            })
            .ToList();

        var at = entries[^1].ReceivedAt;
        var moves = decided.Where(g => !g.IsOwnAccount && stored.GetValueOrDefault(g.GroupId)?.IsOwnAccount != false)
            .ToDictionary(g => g.GroupId, g => g.AccountId, StringComparer.Ordinal);
        var (moved, months) = await reattribution.MoveAccountsAsync(moves, at, cancellationToken);
        await gateway.InsertAsync("group_accounts", RecordRows.GroupColumns, decided.Select(g => RecordRows.Group(g, at)).ToList(), cancellationToken);
        await StoreTraitsAsync(decided, at, cancellationToken);
        foreach (var group in decided)
        {
            accountOfGroup[group.GroupId] = group.AccountId;
        }

        return new Outcome(accountOfGroup, moved, months);
    }

    /// <summary>Each group the batch calls, with its stored state and the batch's traits and members' domains added in order.</summary>
    private static Dictionary<string, StoredGroup> Accumulate(
        List<IdentityLink> calls, Dictionary<string, StoredGroup> stored, Func<IdentityLink, string?> emailOf)
    {
        var groups = new Dictionary<string, StoredGroup>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var id = call.AccountId!;
            var group = groups.GetValueOrDefault(id) ?? stored.GetValueOrDefault(id) ?? new StoredGroup(id, id, new GroupTraits(), []);
            var member = EmailDomains.CompanyDomainOf(emailOf(call));
            groups[id] = group with
            {
                Traits = GroupLinking.Merge(group.Traits, call.Group),
                MemberDomains = member is null || group.MemberDomains.Contains(member) ? group.MemberDomains : [.. group.MemberDomains, member],
            };
        }

        return groups;
    }

    /// <summary>A group call's member's email: the call's, else this batch's identify calls', else the stored identity's.</summary>
    private static Func<IdentityLink, string?> MemberEmails(IReadOnlyList<SpoolEntry> entries, IReadOnlyDictionary<string, AliasIdentity> known)
    {
        var batch = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in entries.Select(e => e.Record).OfType<IdentityLink>().Where(l => l.Email is not null))
        {
            foreach (var alias in new[] { link.UserId, link.AnonymousId }.Where(a => a is not null))
            {
                batch[alias!] = link.Email!;
            }
        }

        string? Of(string? alias) => alias is null ? null : batch.GetValueOrDefault(alias) ?? known.GetValueOrDefault(alias)?.Email;
        return call => call.Email ?? Of(call.UserId) ?? Of(call.AnonymousId);
    }

    /// <summary>Gives each group's account the group's traits where the CRM gave no value; writes the rows that changed.</summary>
    private async Task StoreTraitsAsync(List<StoredGroup> groups, DateTime at, CancellationToken cancellationToken)
    {
        // Read after the moves, which deleted the rows of the groups they moved.
        var withTraits = groups.Where(g => g.Traits != new GroupTraits()).ToList();
        var accounts = await _lookup.AccountsAsync(withTraits.Select(g => g.AccountId).Distinct().ToList(), cancellationToken);
        var rows = new List<object?[]>();
        foreach (var group in withTraits)
        {
            var before = accounts.GetValueOrDefault(group.AccountId);
            var after = AccountPrecedence.WithGroupTraits(group.AccountId, before, group.Traits, at);
            if (before is null || !AccountPrecedence.SameAttributes(before, after))
            {
                accounts[group.AccountId] = after;
                rows.Add(RecordRows.Account(after));
            }
        }

        if (rows.Count > 0)
        {
            await gateway.InsertAsync("accounts", RecordRows.AccountColumns, rows, cancellationToken);
        }
    }
}
