using System.Text.Json;
using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.Alerts;

/// <summary>Where an alert stands: PENDING until an attempt succeeds (DELIVERED) or the attempts run out (FAILED).</summary>
public enum AlertStatus { Pending, Delivered, Failed }

/// <summary>An alert of the outbox with its latest state.</summary>
public sealed record Alert(
    string Key, string RuleId, AlertKind Kind, string? AccountId, string? AccountName, DateTime OccurredAt, string Summary, string Details,
    DateTime DetectedAt, AlertStatus Status, int Attempts, string? LastError, DateTime NextAttemptAt, DateTime? DeliveredAt, DateTime UpdatedAt);

/// <summary>One delivery attempt: the HTTP status (null for email or when nothing answered) and the error (null on success).</summary>
public sealed record AlertAttempt(string Key, int Attempt, DateTime At, AlertChannel Channel, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// The outbox of alerts (<see cref="AlertTables.Outbox"/>) and their attempts (<see cref="AlertTables.Attempts"/>).
/// An occurrence is written here before anything is sent, once: one whose key is already here is left alone, so a
/// delivered alert detected again stays delivered.
/// </summary>
public sealed class AlertOutbox(IClickHouseGateway gateway)
{
    /// <summary>The most alerts one list returns.</summary>
    public const int MaxFirst = 500;

    private static readonly string[] Columns =
    [
        "alert_key", "rule_id", "kind", "account_id", "account_name", "occurred_at", "summary", "details", "detected_at",
        "status", "attempts", "last_error", "next_attempt_at", "delivered_at", "updated_at",
    ];

    private static readonly string[] AttemptColumns = ["alert_key", "attempt", "at", "channel", "status_code", "error", "duration_ms"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the occurrences whose key is not in the outbox yet, PENDING and due now; returns how many.</summary>
    public async Task<int> AddNewAsync(IReadOnlyList<AlertOccurrence> occurrences, DateTime now, CancellationToken cancellationToken)
    {
        if (occurrences.Count == 0)
        {
            return 0;
        }

        var known = (await gateway.ListAsync("SELECT DISTINCT alert_key FROM alert_outbox WHERE alert_key IN {keys:Array(String)}",
            new QueryParameters().Add("keys", occurrences.Select(o => o.Key).ToArray()), r => r.Get<string>("alert_key"), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = occurrences.Where(o => !known.Contains(o.Key)).DistinctBy(o => o.Key).ToList();
        if (fresh.Count > 0)
        {
            await gateway.InsertAsync(AlertTables.Outbox.Name, Columns, fresh.Select(o => Row(new Alert(
                o.Key, o.RuleId, o.Kind, o.AccountId, o.AccountName, o.OccurredAt, o.Summary, JsonSerializer.Serialize(o.Details, Json),
                now, AlertStatus.Pending, 0, null, now, null, now))), cancellationToken);
        }

        return fresh.Count;
    }

    /// <summary>PENDING alerts whose next attempt is due at <paramref name="now"/>, the longest waiting first.</summary>
    public Task<List<Alert>> DueAsync(DateTime now, int limit, CancellationToken cancellationToken) => gateway.ListAsync("""
        SELECT * FROM alert_outbox FINAL
        WHERE status = 'PENDING' AND next_attempt_at <= {now:DateTime64(3, 'UTC')}
        ORDER BY next_attempt_at, alert_key
        LIMIT {limit:UInt32}
        """, new QueryParameters().Add("now", now).Add("limit", (uint)limit), ToAlert, cancellationToken);

    /// <summary>Records an attempt, then the alert's new state (in that order: a crash between them leaves it PENDING, sent again).</summary>
    public async Task RecordAsync(AlertAttempt attempt, Alert updated, CancellationToken cancellationToken)
    {
        await gateway.InsertAsync(AlertTables.Attempts.Name, AttemptColumns,
            [[attempt.Key, (uint)attempt.Attempt, attempt.At, AlertRuleStore.Name(attempt.Channel), attempt.StatusCode, attempt.Error, (uint)attempt.DurationMs]],
            cancellationToken);
        await gateway.InsertAsync(AlertTables.Outbox.Name, Columns, [Row(updated)], cancellationToken);
    }

    /// <summary>Ends an alert that cannot be delivered (its rule was deleted or disabled) without an attempt.</summary>
    public Task GiveUpAsync(Alert alert, string reason, DateTime now, CancellationToken cancellationToken) =>
        gateway.InsertAsync(AlertTables.Outbox.Name, Columns, [Row(alert with { Status = AlertStatus.Failed, LastError = reason, UpdatedAt = now })], cancellationToken);

    /// <summary>The latest alerts, newest detection first, of one status when given.</summary>
    public Task<List<Alert>> ListAsync(AlertStatus? status, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"'first' must be between 0 and {MaxFirst}; it is {first}.");
        }

        return gateway.ListAsync("""
            SELECT * FROM alert_outbox FINAL
            WHERE NOT {has_status:Bool} OR status = {status:String}
            ORDER BY detected_at DESC, alert_key
            LIMIT {first:UInt32}
            """,
            new QueryParameters().Add("has_status", status is not null).Add("status", status is { } s ? AlertRuleStore.Name(s) : string.Empty)
                .Add("first", (uint)first),
            ToAlert, cancellationToken);
    }

    /// <summary>The attempts of the given alerts, by alert, in order.</summary>
    public async Task<ILookup<string, AlertAttempt>> AttemptsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? Array.Empty<AlertAttempt>().ToLookup(a => a.Key) : (await gateway.ListAsync(
            "SELECT * FROM alert_attempts WHERE alert_key IN {keys:Array(String)} ORDER BY alert_key, attempt, at",
            new QueryParameters().Add("keys", keys.ToArray()),
            r => new AlertAttempt(r.Get<string>("alert_key"), r.Get<int>("attempt"), r.Get<DateTime>("at"), Parse<AlertChannel>(r.Get<string>("channel")),
                r.Get<int?>("status_code"), r.Get<string?>("error"), r.Get<int>("duration_ms")),
            cancellationToken)).ToLookup(a => a.Key, StringComparer.Ordinal);

    private static object?[] Row(Alert a) =>
    [
        a.Key, a.RuleId, AlertRuleStore.Name(a.Kind), a.AccountId ?? string.Empty, a.AccountName ?? string.Empty, a.OccurredAt, a.Summary, a.Details,
        a.DetectedAt, AlertRuleStore.Name(a.Status), (uint)a.Attempts, a.LastError, a.NextAttemptAt, a.DeliveredAt, a.UpdatedAt,
    ];

    private static Alert ToAlert(ClickHouseRow r) => new(
        r.Get<string>("alert_key"), r.Get<string>("rule_id"), Parse<AlertKind>(r.Get<string>("kind")), r.Key("account_id"), r.Key("account_name"),
        r.Get<DateTime>("occurred_at"), r.Get<string>("summary"), r.Get<string>("details"), r.Get<DateTime>("detected_at"),
        Parse<AlertStatus>(r.Get<string>("status")), r.Get<int>("attempts"), r.Get<string?>("last_error"), r.Get<DateTime>("next_attempt_at"),
        r.Get<DateTime?>("delivered_at"), r.Get<DateTime>("updated_at"));

    private static T Parse<T>(string stored) where T : struct, Enum => AlertRuleStore.Parse<T>(stored);
}
