using Analytics.Ingestion.Spool;
using Analytics.Ingestion.Writing;
using Analytics.Storage;
using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Deletion;

/// <summary>Whom to erase: a contact by email, or an account by id.</summary>
public sealed record DeletionSubject(string Kind, string Value)
{
    public static DeletionSubject Contact(string email) => new("contact", email.Trim().ToLowerInvariant());

    public static DeletionSubject Account(string accountId) => new("account", accountId.Trim());
}

/// <summary>What an erasure removed, table by table, and its id in <c>deletion_requests</c>.</summary>
public sealed record DeletionReport(string RequestId, DeletionSubject Subject, IReadOnlyDictionary<string, ulong> Removed);

/// <summary>
/// Erases a contact (by email: their events, under any of their identities, contact records, survey answers and
/// identities) or an account (its events, contacts, answers, opportunities, list memberships and the account itself),
/// with the copies other modules keep of them (<see cref="SchemaCatalog.PersonalData"/>: comments' analyses,
/// follow-ups), rebuilds the rollups of the months their events were in, and logs the request in <c>deletion_requests</c>.
/// It first waits for the spool writer to store what was accepted before the request, so nothing of the subject that
/// was already accepted arrives after the erasure.
/// </summary>
public sealed class DeletionService(
    IClickHouseGateway gateway, SchemaDialect dialect, SchemaCatalog catalog, DurableSpool spool, RollupRepair rollups, TimeProvider clock)
{
    public async Task<DeletionReport> EraseAsync(DeletionSubject subject, string requestedBy, CancellationToken cancellationToken)
    {
        await WaitForSpoolAsync(spool.DurableEnd, cancellationToken);
        var parameters = new QueryParameters().Add("value", subject.Value);
        var (eventFilter, deletes) = subject.Kind == "contact" ? ContactFilters : AccountFilters;
        var removed = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var copy in catalog.PersonalData)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in gateway.QueryAsync(subject.Kind == "contact" ? copy.KeysOfContact : copy.KeysOfAccount, parameters, cancellationToken))
            {
                keys.Add(row.Get<string>(0));
            }

            removed[copy.Table] = await DeleteAsync(copy.Table, $"{copy.Key} IN {{keys:Array(String)}}", new QueryParameters().Add("keys", keys.ToArray()), cancellationToken);
        }

        var months = new HashSet<uint>();
        await foreach (var row in gateway.QueryAsync($"SELECT DISTINCT toYYYYMM(timestamp) FROM events WHERE {eventFilter}", parameters, cancellationToken))
        {
            months.Add(row.Get<uint>(0));
        }

        foreach (var (table, filter) in deletes)
        {
            removed[table] = await DeleteAsync(table, filter, parameters, cancellationToken);
        }

        await rollups.RebuildAsync(months, cancellationToken);
        var requestId = Guid.NewGuid().ToString("N");
        await gateway.InsertAsync("deletion_requests", ["request_id", "requested_at", "requested_by", "subject_kind", "subject", "removed"],
            [[requestId, clock.GetUtcNow().UtcDateTime, requestedBy, subject.Kind, subject.Value, removed]], cancellationToken);
        return new DeletionReport(requestId, subject, removed);
    }

    // A contact's events: under the email itself, or any alias of a person identified by that email.
    private const string AliasesOfEmail = "(SELECT alias FROM identities FINAL WHERE email = {value:String})";

    private static readonly (string, (string, string)[]) ContactFilters = (
        $"contact_id = {{value:String}} OR contact_id IN {AliasesOfEmail} OR anonymous_id IN {AliasesOfEmail}",
        [
            ("events", $"contact_id = {{value:String}} OR contact_id IN {AliasesOfEmail} OR anonymous_id IN {AliasesOfEmail}"),
            ("contacts", "email = {value:String}"),
            ("survey_responses", "contact_id = {value:String}"),
            ("identities", "email = {value:String}"),
        ]);

    private static readonly (string, (string, string)[]) AccountFilters = (
        "account_id = {value:String}",
        [
            ("events", "account_id = {value:String}"),
            ("contacts", "account_id = {value:String}"),
            ("survey_responses", "account_id = {value:String}"),
            ("opportunities", "account_id = {value:String}"),
            ("target_list_members", "account_id = {value:String}"),
            ("account_intent", "account_id = {value:String}"),
            ("identities", "account_id = {value:String}"),
            // The Segment groups that counted for it: a later call of such a group starts again, as an account of its own.
            ("group_accounts", "account_id = {value:String} OR group_id = {value:String}"),
            ("accounts", "account_id = {value:String}"),
        ]);

    /// <summary>Deletes the rows of <paramref name="table"/> that match; returns how many there were.</summary>
    private async Task<ulong> DeleteAsync(string table, string filter, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var count = await CountAsync(table, filter, parameters, cancellationToken);
        if (count > 0)
        {
            // On a cluster the rows live in the local tables: a DELETE goes there, on every node.
            await gateway.ExecuteAsync($"DELETE FROM {dialect.Qualified(dialect.StorageTable(table))}{dialect.OnCluster} WHERE {filter}", parameters, cancellationToken);
        }

        return count;
    }

    private async Task<ulong> CountAsync(string table, string filter, QueryParameters parameters, CancellationToken cancellationToken)
    {
        ulong count = 0;
        await foreach (var row in gateway.QueryAsync($"SELECT count() FROM {table} WHERE {filter}", parameters, cancellationToken))
        {
            count = row.Get<ulong>(0);
        }

        return count;
    }

    /// <summary>Waits (up to a minute) until the writer has stored everything up to <paramref name="position"/>.</summary>
    private async Task WaitForSpoolAsync(SpoolPosition position, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow().AddMinutes(1);
        while (spool.Checkpoint < position)
        {
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException("The ingestion spool has not caught up within a minute; the erasure was not made. Try again when storage is healthy.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }
    }
}
