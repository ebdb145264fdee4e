using System.Security.Cryptography;
using System.Text;
using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// The follow-ups of detractor answers (<see cref="FollowUpTables"/>): opening them, listing them, moving them along.
/// Status moves only forward (OPEN → CONTACTED → RESOLVED; a note may be added at any status): the first contact and
/// the resolution are what the closed loop measures, and a detractor who is unhappy again answers again, which opens a
/// new follow-up.
/// </summary>
public sealed class FollowUpStore(IClickHouseGateway gateway, TimeProvider clock)
{
    /// <summary>The most follow-ups one list returns.</summary>
    public const int MaxFirst = 500;

    private static readonly string[] FollowUpColumns =
        ["follow_up_id", "survey", "response_id", "responded_at", "score", "comment", "account_id", "opened_at"];

    private static readonly string[] ChangeColumns = ["change_id", "follow_up_id", "status", "note", "changed_at", "changed_by"];

    /// <summary>The id of the follow-up of an answer: the same for every copy of it, so a re-opening collapses into one row.</summary>
    public static string IdOf(string survey, string responseId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{survey}\n{responseId}")).AsSpan(0, 12));

    /// <summary>
    /// Opens a follow-up for each detractor answer that has none yet, at most <paramref name="batch"/> at a time, oldest
    /// answer first; returns how many it opened. Exact under crashes: what a crash cut off has no follow-up and is found
    /// again, and what was written twice (a crash after the insert, two servers) has one id and is read as one.
    /// </summary>
    public async Task<int> OpenMissingAsync(int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await gateway.ListAsync($"""
            SELECT r.survey AS survey, r.response_id AS response_id, r.responded_at AS responded_at, r.score AS score,
                   r.comment AS comment, r.account_id AS account_id
            FROM survey_responses AS r FINAL
            WHERE {FollowUpSql.Detractor}
              AND (r.survey, r.response_id) NOT IN (SELECT survey, response_id FROM follow_ups)
            ORDER BY r.responded_at, r.response_id
            LIMIT {"{batch:UInt32}"}
            """,
            new QueryParameters().Add("batch", (uint)batch),
            r => new object?[]
            {
                IdOf(r.Get<string>("survey"), r.Get<string>("response_id")), r.Get<string>("survey"), r.Get<string>("response_id"),
                r.Get<DateTime>("responded_at"), r.Get<byte>("score"), r.Get<string>("comment"), r.Get<string>("account_id"), now,
            },
            cancellationToken);
        if (rows.Count > 0)
        {
            await gateway.InsertAsync(FollowUpTables.FollowUps.Name, FollowUpColumns, rows, cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>Follow-ups, newest answer first, of one status and one owner (the account's owner now) when given.</summary>
    public Task<List<FollowUp>> ListAsync(FollowUpStatus? status, string? owner, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"'first' must be between 0 and {MaxFirst}; it is {first}.");
        }

        return gateway.ListAsync($"""
            SELECT * FROM ({FollowUpSql.State})
            WHERE (NOT {"{has_status:Bool}"} OR status = {"{status:String}"})
              AND (NOT {"{has_owner:Bool}"} OR owner = {"{owner:String}"})
            ORDER BY responded_at DESC, follow_up_id
            LIMIT {"{first:UInt32}"}
            {FollowUpSql.Settings}
            """,
            new QueryParameters()
                .Add("has_status", status is not null).Add("status", status is { } s ? Name(s) : string.Empty)
                .Add("has_owner", owner is not null).Add("owner", owner ?? string.Empty)
                .Add("first", (uint)first),
            ToFollowUp, cancellationToken);
    }

    public async Task<FollowUp?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await gateway.ListAsync($"SELECT * FROM ({FollowUpSql.State}) WHERE follow_up_id = {{id:String}} {FollowUpSql.Settings}",
            new QueryParameters().Add("id", id), ToFollowUp, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Moves a follow-up to a status (the same one adds a note) and keeps the change in its history. A move back is
    /// refused; repeating the current status without a note changes nothing (a retried request).
    /// </summary>
    public async Task<FollowUp> UpdateAsync(FollowUpUpdate update, CancellationToken cancellationToken)
    {
        var current = await GetAsync(update.Id, cancellationToken)
            ?? throw new FollowUpUpdateException($"There is no follow-up with the id '{update.Id}'.");
        if (update.Status < current.Status)
        {
            throw new FollowUpUpdateException(
                $"The follow-up is {Name(current.Status)}; it cannot move back to {Name(update.Status)} (a follow-up only moves forward: OPEN, CONTACTED, RESOLVED).");
        }

        var note = string.IsNullOrWhiteSpace(update.Note) ? string.Empty : update.Note.Trim();
        if (update.Status == current.Status && note.Length == 0)
        {
            return current;
        }

        // TRICKY: the history is ordered by change time; a change in the same millisecond as the last would tie with it.
        var now = clock.GetUtcNow().UtcDateTime;
        var at = now > current.UpdatedAt ? now : current.UpdatedAt.AddMilliseconds(1);
        await gateway.InsertAsync(FollowUpTables.FollowUpChanges.Name, ChangeColumns,
            [[Guid.NewGuid().ToString("N"), update.Id, Name(update.Status), note, at, update.ChangedBy]], cancellationToken);
        return await GetAsync(update.Id, cancellationToken)
            ?? throw new InvalidOperationException($"The follow-up '{update.Id}' was updated and then not found.");
    }

    /// <summary>Follow-ups whose owner has not been prompted yet, oldest answer first.</summary>
    public Task<List<FollowUp>> UnpromptedAsync(int first, CancellationToken cancellationToken) =>
        gateway.ListAsync($"""
            SELECT * FROM ({FollowUpSql.State})
            WHERE follow_up_id NOT IN (SELECT follow_up_id FROM follow_up_notices)
            ORDER BY responded_at, follow_up_id
            LIMIT {"{first:UInt32}"}
            {FollowUpSql.Settings}
            """, new QueryParameters().Add("first", (uint)first), ToFollowUp, cancellationToken);

    /// <summary>Records that a follow-up's prompt was handed to delivery (or why none was sent).</summary>
    public Task RecordPromptAsync(string id, IReadOnlyList<string> recipients, string receipt, CancellationToken cancellationToken) =>
        gateway.InsertAsync(FollowUpTables.FollowUpNotices.Name, ["follow_up_id", "noticed_at", "recipients", "receipt"],
            [[id, clock.GetUtcNow().UtcDateTime, recipients.ToArray(), receipt]], cancellationToken);

    /// <summary>Writes changes as they were made at the given times (the demo's history); each is (id, status, note, at, by).</summary>
    public Task<long> RecordHistoryAsync(IEnumerable<(string Id, FollowUpStatus Status, string Note, DateTime At, string By)> changes, CancellationToken cancellationToken) =>
        gateway.InsertAsync(FollowUpTables.FollowUpChanges.Name, ChangeColumns,
            changes.Select(c => new object?[] { Guid.NewGuid().ToString("N"), c.Id, Name(c.Status), c.Note, c.At, c.By }), cancellationToken);

    /// <summary>The status as stored and as GraphQL names it.</summary>
    public static string Name(FollowUpStatus status) => status.ToString().ToUpperInvariant();

    private static FollowUpStatus Parse(string status) => Enum.Parse<FollowUpStatus>(status, ignoreCase: true);

    private static FollowUp ToFollowUp(ClickHouseRow r) => new(
        r.Get<string>("follow_up_id"), r.Get<string>("survey"), r.Get<string>("response_id"), r.Get<DateTime>("responded_at"),
        r.Get<byte>("score"), r.Key("comment"), r.Key("account_id"), r.Key("account_name"), r.Key("owner"),
        Parse(r.Get<string>("status")), r.Key("note"), r.Get<DateTime>("opened_at"), r.Get<DateTime>("updated_at"),
        r.Get<DateTime?>("contacted_at"), r.Get<DateTime?>("resolved_at"));
}
