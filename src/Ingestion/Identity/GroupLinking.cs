using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Identity;

/// <summary>
/// Which account a Segment group id stands for. A group id that is a CRM account's id is that account. Any other (a
/// product's own organisation id, say) is linked to the CRM account whose domain is the group's <c>domain</c> trait
/// (or its <c>website</c>'s host), else one of its members' email domains; free-mail domains never link. When nothing
/// matches, the group id is an account of its own, until a group call or a CRM import brings a match.
/// </summary>
public static class GroupLinking
{
    /// <summary>The domains that may link a group, in the order they are tried: its traits' domain, then its members' (sorted).</summary>
    public static IReadOnlyList<string> Evidence(string? traitsDomain, IEnumerable<string> memberDomains) =>
        new[] { traitsDomain }.Concat(memberDomains.Order(StringComparer.Ordinal))
            .Where(d => d is not null && !EmailDomains.IsFreeMail(d)).Cast<string>()
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The account of <paramref name="groupId"/>: itself when it is a CRM account's id, else the CRM account of the first
    /// domain of <paramref name="evidence"/> that has one, else itself.
    /// </summary>
    public static string AccountOf(string groupId, bool isCrmAccount, IReadOnlyList<string> evidence, IReadOnlyDictionary<string, string> crmAccountByDomain)
    {
        if (isCrmAccount)
        {
            return groupId;
        }

        foreach (var domain in evidence)
        {
            if (crmAccountByDomain.TryGetValue(domain, out var account))
            {
                return account;
            }
        }

        return groupId;
    }

    /// <summary>A group's traits after a call: what the call gives, else what was stored.</summary>
    public static GroupTraits Merge(GroupTraits? stored, GroupTraits? call) => new(
        call?.Name ?? stored?.Name,
        call?.Domain ?? stored?.Domain,
        call?.Industry ?? stored?.Industry,
        call?.Employees ?? stored?.Employees);
}
