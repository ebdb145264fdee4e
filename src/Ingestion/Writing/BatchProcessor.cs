using Analytics.Ingestion.Identity;
using Analytics.Ingestion.Records;
using Analytics.Ingestion.Spool;
using Analytics.Storage;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Stores one batch of spool entries in ClickHouse. Every step is idempotent, so a batch replayed after a crash or a
/// failed insert stores nothing twice: records are keyed by id in ReplacingMergeTree tables, events already stored are
/// looked up by id and skipped, and re-attribution copies only events not yet copied.
/// Order matters: accounts and contacts first (identity resolution reads them), then Segment groups' accounts, then
/// identities, then events.
/// </summary>
public sealed class BatchProcessor(IClickHouseGateway gateway, EventDeduplicator deduplicator, Reattribution reattribution, RollupWriteGate rollupGate)
{
    private readonly IdentityLookup _lookup = new(gateway);
    private readonly GroupAccountsWriter _groups = new(gateway, reattribution);

    /// <summary>What one batch stored, by table, for metrics and logs, and the months (<c>yyyyMM</c>) of the events it re-attributed.</summary>
    public sealed record Outcome(int Events, int DuplicateEvents, int Records, int DeadLetters, int Reattributed, IReadOnlyCollection<uint> ReattributedMonths);

    /// <summary>Stores a batch; <paramref name="replay"/> marks entries replayed after an unclean stop (see <see cref="EventDeduplicator"/>).</summary>
    public async Task<Outcome> ProcessAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken, bool replay = false)
    {
        // Not while a rollup rebuild runs: its refill would count this batch's events a second time (RollupWriteGate).
        using var held = await rollupGate.EnterAsync(cancellationToken);
        var records = 0;
        records += await _groups.StoreCrmAccountsAsync(entries, cancellationToken);
        records += await InsertAsync<TargetListMember>(entries, "target_list_members", RecordRows.TargetColumns, (t, e) => RecordRows.Target(t, e.ReceivedAt), cancellationToken);
        records += await InsertContactsAsync(entries, cancellationToken);

        var (graph, groups) = await ApplyIdentityLinksAsync(entries, cancellationToken);
        var (stored, duplicates) = await InsertEventsAsync(entries, graph, groups, replay, cancellationToken);
        var (reattributed, reattributedMonths) = await reattribution.ApplyAsync(await PersonsWithAccountsAsync(graph, cancellationToken), cancellationToken);
        reattributed += groups.Moved;
        reattributedMonths = [.. reattributedMonths.Union(groups.MovedMonths)];

        records += await InsertAsync<OpportunityRecord>(entries, "opportunities", RecordRows.OpportunityColumns, (o, e) => RecordRows.Opportunity(o, e.ReceivedAt), cancellationToken);
        records += await InsertSurveysAsync(entries, cancellationToken);
        records += await InsertAdsAsync(entries, cancellationToken);
        // Resolved at intake: a domain became its account before the record was spooled (CsvRowChecks).
        records += await InsertAsync<IntentRecord>(entries, "account_intent", RecordRows.IntentColumns, (i, e) => RecordRows.Intent(i, e.ReceivedAt), cancellationToken);
        var deadLetters = entries.Where(e => e.DeadLetter is not null).Select(e => RecordRows.DeadLetterRow(e.DeadLetter!, e.ReceivedAt, e.Source)).ToList();
        if (deadLetters.Count > 0)
        {
            await gateway.InsertAsync("dead_letters", RecordRows.DeadLetterColumns, deadLetters, cancellationToken);
        }

        return new Outcome(stored, duplicates, records, deadLetters.Count, reattributed, reattributedMonths);
    }

    /// <summary>True when the engine answers a trivial query: a failure then lies with the batch, not with the engine.</summary>
    public async Task<bool> StorageAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in gateway.QueryAsync("SELECT 1", cancellationToken: cancellationToken))
            {
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<int> InsertAsync<T>(
        IReadOnlyList<SpoolEntry> entries, string table, string[] columns, Func<T, SpoolEntry, object?[]> row, CancellationToken cancellationToken)
        where T : IngestRecord
    {
        var rows = entries.Where(e => e.Record is T).Select(e => row((T)e.Record!, e)).ToList();
        if (rows.Count > 0)
        {
            await gateway.InsertAsync(table, columns, rows, cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>Contacts from CSV, and from identify calls that name a user's email; a contact without an account gets its email's.</summary>
    private async Task<int> InsertContactsAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken)
    {
        var contacts = entries.Select(e => (Entry: e, Contact: e.Record switch
            {
                ContactRecord c => c,
                IdentityLink { UserId: { } user, Email: { } email } => new ContactRecord(user, email),
                _ => null,
            }))
            .Where(c => c.Contact is not null)
            .ToList();
        if (contacts.Count == 0)
        {
            return 0;
        }

        var emails = contacts.Where(c => c.Contact!.AccountId is null && c.Contact.Email is not null).Select(c => c.Contact!.Email!).Distinct().ToList();
        var byEmail = await _lookup.AccountsByEmailAsync(emails, cancellationToken);
        var rows = contacts.Select(c => RecordRows.Contact(c.Contact!, c.Entry.ReceivedAt,
            c.Contact!.AccountId ?? (c.Contact.Email is { } email ? byEmail.GetValueOrDefault(email) : null))).ToList();
        await gateway.InsertAsync("contacts", RecordRows.ContactColumns, rows, cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// The batch's identity links applied to the stored identities, each with the account its group id stands for
    /// (<see cref="GroupAccountsWriter"/>), and those accounts, which events take too.
    /// </summary>
    private async Task<(IdentityGraph Graph, GroupAccountsWriter.Outcome Groups)> ApplyIdentityLinksAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken)
    {
        // Events that name their account need no identity; only the others' aliases are looked up.
        var aliases = entries.SelectMany(e => e.Record switch
            {
                IdentityLink l => new[] { l.UserId, l.AnonymousId },
                EngagementEvent { AccountId: null } ev => new[] { ev.ContactId, ev.AnonymousId },
                _ => [],
            })
            .Where(a => !string.IsNullOrEmpty(a)).Cast<string>().ToHashSet(StringComparer.Ordinal);
        var known = await _lookup.AliasesAsync(aliases, cancellationToken);
        var groups = await _groups.ResolveAsync(entries, known, cancellationToken);
        var graph = new IdentityGraph(known);
        var links = entries.Where(e => e.Record is IdentityLink).ToList();
        foreach (var entry in links)
        {
            var link = (IdentityLink)entry.Record!;
            graph.Apply(link with { AccountId = groups.AccountOf(link.AccountId) });
        }

        if (links.Count > 0)
        {
            // One time for the batch's identity rows: the latest link's, so a replay writes the same rows.
            var at = links[^1].ReceivedAt;
            var rows = graph.Changed.Select(i => RecordRows.Identity(i, at)).ToList();
            if (rows.Count > 0)
            {
                await gateway.InsertAsync("identities", RecordRows.IdentityColumns, rows, cancellationToken);
            }
        }

        return (graph, groups);
    }

    /// <summary>
    /// Each event's account: its own (CSV account_id, Segment context.groupId), else its user's or visitor's through
    /// identify and group calls, else its email's (contact record, then company domain).
    /// </summary>
    private async Task<(int Stored, int Duplicates)> InsertEventsAsync(
        IReadOnlyList<SpoolEntry> entries, IdentityGraph graph, GroupAccountsWriter.Outcome groups, bool replay, CancellationToken cancellationToken)
    {
        var events = entries.Where(e => e.Record is EngagementEvent).Select(e => (Entry: e, Event: (EngagementEvent)e.Record!)).ToList();
        if (events.Count == 0)
        {
            return (0, 0);
        }

        var fresh = await deduplicator.NewEventsAsync(events.Select(e => e.Event).ToList(), replay, cancellationToken);
        var emails = fresh.Where(e => e.AccountId is null)
            .Select(e => e.ContactEmail ?? PersonOf(graph, e)?.Email)
            .Where(e => e is not null).Cast<string>().Distinct().ToList();
        var byEmail = await _lookup.AccountsByEmailAsync(emails, cancellationToken);
        var freshIds = fresh.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<object?[]>(fresh.Count);
        foreach (var (entry, e) in events)
        {
            if (!freshIds.Contains(e.EventId) || !stored.Add(e.EventId))
            {
                continue;
            }

            var person = PersonOf(graph, e);
            var email = e.ContactEmail ?? person?.Email;
            var account = groups.AccountOf(e.AccountId) ?? person?.AccountId ?? (email is null ? null : byEmail.GetValueOrDefault(email));
            rows.Add(RecordRows.Event(e, entry.ReceivedAt, account));
        }

        if (rows.Count > 0)
        {
            await gateway.InsertAsync("events", RecordRows.EventColumns, rows, cancellationToken);
        }

        return (rows.Count, events.Count - rows.Count);
    }

    private static AliasIdentity? PersonOf(IdentityGraph graph, EngagementEvent e) =>
        (e.ContactId is { } user ? graph.Aliases.GetValueOrDefault(user) : null)
        ?? (e.AnonymousId is { } anonymous ? graph.Aliases.GetValueOrDefault(anonymous) : null);

    /// <summary>Persons this batch linked, with the account each now has (its group's, else its email's).</summary>
    private async Task<Dictionary<string, string>> PersonsWithAccountsAsync(IdentityGraph graph, CancellationToken cancellationToken)
    {
        var persons = graph.ChangedPersons.ToList();
        var emails = persons.SelectMany(p => p).Where(a => a.AccountId is null && a.Email is not null).Select(a => a.Email!).Distinct().ToList();
        var byEmail = await _lookup.AccountsByEmailAsync(emails, cancellationToken);
        var accountOfAlias = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            var first = person.First();
            var account = first.AccountId ?? (first.Email is { } email ? byEmail.GetValueOrDefault(email) : null);
            if (account is null)
            {
                continue;
            }

            foreach (var alias in person)
            {
                accountOfAlias[alias.Alias] = account;
            }
        }

        return accountOfAlias;
    }

    private async Task<int> InsertSurveysAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken)
    {
        var surveys = entries.Where(e => e.Record is SurveyResponseRecord).Select(e => (Entry: e, Survey: (SurveyResponseRecord)e.Record!)).ToList();
        if (surveys.Count == 0)
        {
            return 0;
        }

        var emails = surveys.Where(s => s.Survey.AccountId is null && s.Survey.ContactEmail is not null).Select(s => s.Survey.ContactEmail!).Distinct().ToList();
        var byEmail = await _lookup.AccountsByEmailAsync(emails, cancellationToken);
        var rows = surveys.Select(s => RecordRows.Survey(s.Survey, s.Entry.ReceivedAt,
            s.Survey.AccountId ?? (s.Survey.ContactEmail is { } email ? byEmail.GetValueOrDefault(email) : null))).ToList();
        await gateway.InsertAsync("survey_responses", RecordRows.SurveyColumns, rows, cancellationToken);
        return rows.Count;
    }

    private async Task<int> InsertAdsAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken)
    {
        var ads = entries.Where(e => e.Record is AdPerformanceRecord).Select(e => (Entry: e, Ad: (AdPerformanceRecord)e.Record!)).ToList();
        if (ads.Count == 0)
        {
            return 0;
        }

        var domains = ads.Where(a => a.Ad.AccountId is null).Select(a => EmailDomains.Normalize(a.Ad.AccountDomain)).Where(d => d is not null).Cast<string>().Distinct().ToList();
        var byDomain = await _lookup.AccountsByDomainAsync(domains, cancellationToken);
        var rows = ads.Select(a => RecordRows.Ad(a.Ad, a.Entry.ReceivedAt,
            a.Ad.AccountId ?? (EmailDomains.Normalize(a.Ad.AccountDomain) is { } domain ? byDomain.GetValueOrDefault(domain) : null))).ToList();
        await gateway.InsertAsync("ad_performance", RecordRows.AdColumns, rows, cancellationToken);
        return rows.Count;
    }
}
