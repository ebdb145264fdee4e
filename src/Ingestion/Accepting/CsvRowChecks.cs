using System.Text.Json;
using Analytics.Ingestion.Csv;
using Analytics.Ingestion.Identity;
using Analytics.Ingestion.Records;
using Analytics.Storage;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// What a CSV row cannot say by itself, checked against what is stored, a chunk at a time, before the chunk is spooled:
/// an intent row's domain must resolve to an account (it is stored under that account), and a target-accounts row may
/// not name a rule list. A refused row is refused by line, as a malformed one is.
/// </summary>
public sealed class CsvRowChecks(IClickHouseGateway gateway, IRuleListNames ruleLists)
{
    private readonly IdentityLookup _lookup = new(gateway);

    /// <summary>The chunk with the rows that fail a check turned into refusals.</summary>
    public async Task<List<ParsedInput>> CheckAsync(CsvKind kind, List<ParsedInput> chunk, CancellationToken cancellationToken) => kind switch
    {
        CsvKind.Intent => await ResolveDomainsAsync(chunk, cancellationToken),
        CsvKind.TargetAccounts => await RefuseRuleListsAsync(chunk, cancellationToken),
        _ => chunk,
    };

    private async Task<List<ParsedInput>> ResolveDomainsAsync(List<ParsedInput> chunk, CancellationToken cancellationToken)
    {
        var domains = chunk.Select(i => i.Record).OfType<IntentRecord>().Where(r => r.Domain is not null).Select(r => r.Domain!).Distinct(StringComparer.Ordinal).ToList();
        if (domains.Count == 0)
        {
            return chunk;
        }

        var accounts = await _lookup.AccountsByCompanyDomainAsync(domains, cancellationToken);
        return chunk.ConvertAll(input => input.Record is IntentRecord { Domain: { } domain } intent
            ? accounts.TryGetValue(domain, out var account)
                ? input with { Record = intent with { AccountId = account } }
                : Refused(input, EmailDomains.IsFreeMail(domain)
                    ? $"domain {domain} is a free-mail domain, which names no company: give the account_id"
                    : $"domain {domain} resolves to no account (no account has it as its domain, nor a member of a Segment group its email domain): import the account first, or give the account_id")
            : input);
    }

    private async Task<List<ParsedInput>> RefuseRuleListsAsync(List<ParsedInput> chunk, CancellationToken cancellationToken)
    {
        var lists = chunk.Select(i => i.Record).OfType<TargetListMember>().Select(m => m.List).Distinct(StringComparer.Ordinal).ToList();
        if (lists.Count == 0)
        {
            return chunk;
        }

        var rules = await ruleLists.RuleListsAmongAsync(lists, cancellationToken);
        return rules.Count == 0
            ? chunk
            : chunk.ConvertAll(input => input.Record is TargetListMember member && rules.Contains(member.List)
                ? Refused(input, $"list {member.List} is a rule list: its members are computed from its rule, not imported (name an imported list)")
                : input);
    }

    // The row was valid CSV, so its raw text was not kept: the dead letter holds the record it made.
    private static ParsedInput Refused(ParsedInput input, string why) =>
        input with { Record = null, Error = why, RawPayload = JsonSerializer.Serialize(input.Record, input.Record!.GetType()) };
}
