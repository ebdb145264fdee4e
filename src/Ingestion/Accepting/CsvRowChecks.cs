using System.Text.Json;
using Analytics.Ingestion.Csv;
using Analytics.Ingestion.Identity;
using Analytics.Ingestion.Records;
using Analytics.Ingestion.Writing;
using Analytics.Storage;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// What a CSV row cannot say by itself, checked against what is stored, a chunk at a time, before the chunk is spooled:
/// an intent row's domain must resolve to an account (it is stored under that account), and a target-accounts row may
/// not name a rule list. A refused row is refused by line, as a malformed one is. While ClickHouse does not answer
/// (within <see cref="LookupTimeout"/>, or the writer is failing), ingestion keeps acknowledging what it can: a
/// target-accounts import is accepted unchecked (a row naming a rule list then leaves that list at its next recompute),
/// and an intent import whose rows name domains is refused whole with 503, to be sent again.
/// </summary>
public sealed partial class CsvRowChecks(IClickHouseGateway gateway, IRuleListNames ruleLists, WriterStatus writer, ILogger<CsvRowChecks> logger)
{
    /// <summary>How long a lookup may hold the answer (as <see cref="DuplicateCheck"/>'s).</summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(2);

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

        var accounts = await LookUpAsync(ct => _lookup.AccountsByCompanyDomainAsync(domains, ct), cancellationToken)
            ?? throw new StorageUnavailableException($"{domains.Count:N0} intent rows name their account by domain, which cannot be resolved while storage does not answer; send the file again later (rows are keyed by account, topic and week, so sending it twice is safe).");
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

        var rules = await LookUpAsync(ct => ruleLists.RuleListsAmongAsync(lists, ct), cancellationToken);
        if (rules is null)
        {
            LogRuleListsUnchecked(lists.Count);
        }

        return rules is null || rules.Count == 0
            ? chunk
            : chunk.ConvertAll(input => input.Record is TargetListMember member && rules.Contains(member.List)
                ? Refused(input, $"list {member.List} is a rule list: its members are computed from its rule, not imported (name an imported list)")
                : input);
    }

    // Null when storage does not answer in time, or is known to be failing (each request would wait out the timeout).
    private async Task<T?> LookUpAsync<T>(Func<CancellationToken, Task<T>> lookup, CancellationToken cancellationToken)
        where T : class
    {
        if (writer.Snapshot.ConsecutiveFailures > 0)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            return await lookup(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A CSV import's rows could not be checked against what is stored")]
    private partial void LogLookupFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A target-accounts import naming {Lists} lists was accepted without checking them against the rule lists: storage did not answer")]
    private partial void LogRuleListsUnchecked(int lists);

    // The row was valid CSV, so its raw text was not kept: the dead letter holds the record it made.
    private static ParsedInput Refused(ParsedInput input, string why) =>
        input with { Record = null, Error = why, RawPayload = JsonSerializer.Serialize(input.Record, input.Record!.GetType()) };
}

/// <summary>What an import needs from storage cannot be had now: the client should send it again later (503).</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);
