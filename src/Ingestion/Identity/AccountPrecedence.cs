using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Identity;

/// <summary>
/// How the CRM and Segment group traits share an account's attributes: the CRM is authoritative. A value the CRM gave
/// is never overwritten by group traits; an attribute the CRM left empty takes the group's trait, marked in
/// <c>group_attributes</c>, so that a later group call may change it and a later CRM value replaces it.
/// </summary>
public static class AccountPrecedence
{
    /// <summary>The attributes group traits may give, as <c>group_attributes</c> names them.</summary>
    public static readonly IReadOnlyList<string> GroupAttributes = ["name", "domain", "industry", "employees"];

    /// <summary>
    /// The account after a group's traits: <paramref name="stored"/> (null when the account has no row yet, which makes
    /// it an account of Segment's origin) with each attribute the CRM did not give taken from <paramref name="traits"/>
    /// when it has one.
    /// </summary>
    public static StoredAccount WithGroupTraits(string accountId, StoredAccount? stored, GroupTraits traits, DateTime at)
    {
        var account = stored ?? new StoredAccount(accountId, null, null, null, null, null, null, null, null, at, "segment", []);
        var marked = account.GroupAttributes.ToHashSet(StringComparer.Ordinal);

        T? Pick<T>(string attribute, T? current, T? trait)
        {
            var fromCrm = current is not null && !marked.Contains(attribute);
            if (fromCrm || trait is null)
            {
                return current;
            }

            marked.Add(attribute);
            return trait;
        }

        return account with
        {
            Name = Pick("name", account.Name, traits.Name),
            Domain = Pick("domain", account.Domain, traits.Domain),
            Industry = Pick("industry", account.Industry, traits.Industry),
            Employees = Pick("employees", account.Employees, traits.Employees),
            // The later row must win in the ReplacingMergeTree, whatever the times of the entries in one batch.
            UpdatedAt = at > account.UpdatedAt ? at : account.UpdatedAt,
            GroupAttributes = [.. GroupAttributes.Where(marked.Contains)],
        };
    }

    /// <summary>A CRM record as stored: its values, and the gaps it leaves filled from the traits of a group that counts for it.</summary>
    public static StoredAccount FromCrm(AccountRecord crm, GroupTraits? traits, DateTime at)
    {
        var imported = new StoredAccount(crm.AccountId, crm.Name, EmailDomains.Normalize(crm.Domain), crm.Industry, crm.Employees, crm.AnnualRevenue,
            crm.Country, crm.Tier, crm.Owner, at, "crm", []);
        return traits is null ? imported : WithGroupTraits(crm.AccountId, imported, traits, at) with { UpdatedAt = at };
    }

    /// <summary>True when the two hold the same attributes (a row is written only when something changed).</summary>
    public static bool SameAttributes(StoredAccount a, StoredAccount b) =>
        a with { UpdatedAt = default, GroupAttributes = [] } == b with { UpdatedAt = default, GroupAttributes = [] }
        && a.GroupAttributes.SequenceEqual(b.GroupAttributes, StringComparer.Ordinal);
}
