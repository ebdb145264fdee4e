using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Something a rule saw happen to an account: its key (the alert's idempotency key), when it happened, a line for
/// people and the facts for machines (<see cref="Details"/>, the webhook payload's <c>details</c>).
/// </summary>
public sealed record AlertOccurrence(
    string Key, string RuleId, AlertKind Kind, string? AccountId, string? AccountName, DateTime OccurredAt, string Summary,
    IReadOnlyDictionary<string, object?> Details)
{
    /// <summary>
    /// The idempotency key: a hash of the rule, the account and what happened when (a surge's day, a stage and the
    /// midnight it was entered, a follow-up's id). The same occurrence detected again, by a restarted server too, has it.
    /// </summary>
    public static string KeyOf(string ruleId, AlertKind kind, string? accountId, string what) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{AlertRuleStore.Name(kind)}\n{accountId}\n{what}")).AsSpan(0, 16));

    /// <summary>
    /// How far back a detector looks for what happened (stage entries, follow-ups opened), besides the rule's creation:
    /// what is older is no news (after a long outage, or events imported late), and each round stays small.
    /// </summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    /// <summary>The later of the rule's creation and <see cref="Horizon"/> before <paramref name="now"/>.</summary>
    public static DateTime Since(AlertRule rule, DateTime now) => rule.CreatedAt > now - Horizon ? rule.CreatedAt : now - Horizon;

    /// <summary>A number as alerts show it: at most two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One rule kind's detection: the occurrences a rule of that kind sees now (those already alerted included).</summary>
public interface IAlertDetector
{
    AlertKind Kind { get; }

    Task<IReadOnlyList<AlertOccurrence>> DetectAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken);
}
