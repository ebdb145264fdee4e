using Analytics.Storage;

namespace Analytics.Ingestion.Identity;

/// <summary>What is known of one alias (a userId or anonymousId): its person, and the person's email and account.</summary>
public sealed record AliasIdentity(string Alias, string PersonId, string? Email, string? AccountId);

/// <summary>
/// Reads what identity resolution needs from ClickHouse, a batch at a time: aliases, the accounts of contact emails
/// (a contact record first, then the email's company domain matched to account domains; never free mail).
/// </summary>
public sealed class IdentityLookup(IClickHouseGateway gateway)
{
    /// <summary>The identities of these aliases and of every other alias of the same persons.</summary>
    public async Task<Dictionary<string, AliasIdentity>> AliasesAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, AliasIdentity>(StringComparer.Ordinal);
        if (aliases.Count == 0)
        {
            return found;
        }

        const string sql = """
            SELECT alias, person_id, email, account_id
            FROM identities FINAL
            WHERE person_id IN (SELECT person_id FROM identities FINAL WHERE alias IN {aliases:Array(String)})
               OR alias IN {aliases:Array(String)}
            """;
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("aliases", aliases.ToArray()), cancellationToken))
        {
            var identity = new AliasIdentity(row.Get<string>(0), row.Get<string>(1), row.Get<string?>(2), row.Get<string?>(3));
            found[identity.Alias] = identity;
        }

        return found;
    }

    /// <summary>The account of each email that has one: by contact record, else by company domain.</summary>
    public async Task<Dictionary<string, string>> AccountsByEmailAsync(IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (emails.Count == 0)
        {
            return accounts;
        }

        const string byContact = """
            SELECT email, argMax(account_id, updated_at)
            FROM contacts FINAL
            WHERE email IN {emails:Array(String)} AND account_id != ''
            GROUP BY email
            """;
        await foreach (var row in gateway.QueryAsync(byContact, new QueryParameters().Add("emails", emails.ToArray()), cancellationToken))
        {
            accounts[row.Get<string>(0)] = row.Get<string>(1);
        }

        var domains = emails.Where(e => !accounts.ContainsKey(e))
            .Select(e => (Email: e, Domain: EmailDomains.CompanyDomainOf(e)))
            .Where(e => e.Domain is not null)
            .ToList();
        var byDomain = await AccountsByDomainAsync(domains.Select(d => d.Domain!).Distinct().ToList(), cancellationToken);
        foreach (var (email, domain) in domains)
        {
            if (byDomain.TryGetValue(domain!, out var account))
            {
                accounts[email] = account;
            }
        }

        return accounts;
    }

    /// <summary>
    /// The account of each domain (the smallest account id when several accounts share a domain), a domain the CRM gave
    /// before one a Segment group's traits gave (such a group is linked to that CRM account once it is known).
    /// </summary>
    public async Task<Dictionary<string, string>> AccountsByDomainAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (domains.Count == 0)
        {
            return accounts;
        }

        const string sql = """
            SELECT domain, argMin(account_id, (origin != 'crm' OR has(group_attributes, 'domain'), account_id))
            FROM accounts FINAL
            WHERE domain IN {domains:Array(String)}
            GROUP BY domain
            """;
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("domains", domains.ToArray()), cancellationToken))
        {
            accounts[row.Get<string>(0)] = row.Get<string>(1);
        }

        return accounts;
    }

    /// <summary>
    /// The account of each company domain, as identity resolution finds one: an account's domain first (as
    /// <see cref="AccountsByDomainAsync"/>), else the account of a Segment group one of whose members' emails has the
    /// domain (the smallest account id when several). Free-mail domains never resolve.
    /// </summary>
    public async Task<Dictionary<string, string>> AccountsByCompanyDomainAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        var company = domains.Where(d => !EmailDomains.IsFreeMail(d)).Distinct(StringComparer.Ordinal).ToList();
        var accounts = await AccountsByDomainAsync(company, cancellationToken);
        var rest = company.Where(d => !accounts.ContainsKey(d)).ToArray();
        if (rest.Length == 0)
        {
            return accounts;
        }

        const string byMembers = """
            SELECT member_domain, min(account_id)
            FROM group_accounts FINAL
            ARRAY JOIN member_domains AS member_domain
            WHERE hasAny(member_domains, {domains:Array(String)}) AND member_domain IN {domains:Array(String)}
            GROUP BY member_domain
            """;
        await foreach (var row in gateway.QueryAsync(byMembers, new QueryParameters().Add("domains", rest), cancellationToken))
        {
            accounts[row.Get<string>(0)] = row.Get<string>(1);
        }

        return accounts;
    }
}
