using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Storage;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Engaged accounts whose surge, as the surging-accounts metric measures it over the seven days up to today (today
/// included), reached the rule's factor; the strongest <see cref="SurgingAccountsQuery.MaxFirst"/> per round. One alert
/// per account and rule while it surges: an account alerted in the seven days before is not alerted again (the key is
/// the day it was first seen surging).
/// </summary>
public sealed class SurgeDetector(SurgingAccountsQuery surging, IClickHouseGateway gateway) : IAlertDetector
{
    /// <summary>How long an account's surge alert holds: a surge is measured over 7 days.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromDays(7);

    public AlertKind Kind => AlertKind.Surge;

    public async Task<IReadOnlyList<AlertOccurrence>> DetectAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var factor = rule.Parameters.Factor ?? throw new InvalidOperationException($"The surge rule {rule.Id} has no factor.");
        var today = DateOnly.FromDateTime(now);
        var accounts = await surging.RunAsync(
            new SurgingAccountsRequest(new DateWindow(today.AddDays(-6), today.AddDays(1)), First: SurgingAccountsQuery.MaxFirst, MinSurge: factor),
            cancellationToken);
        if (accounts.Count == 0)
        {
            return [];
        }

        var alerted = (await gateway.ListAsync(
            "SELECT DISTINCT account_id FROM alert_outbox WHERE rule_id = {rule:String} AND occurred_at >= {since:DateTime64(3, 'UTC')}",
            new QueryParameters().Add("rule", rule.Id).Add("since", now - Quiet), r => r.Get<string>("account_id"), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return accounts.Where(a => !alerted.Contains(a.AccountId)).Select(a => new AlertOccurrence(
            AlertOccurrence.KeyOf(rule.Id, Kind, a.AccountId, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            rule.Id, Kind, a.AccountId, a.Name, now,
            $"{a.Name ?? a.AccountId} is surging: {AlertOccurrence.Number(a.Surge!.Value)}× its usual week " +
            $"({AlertOccurrence.Number(a.ThisWeek)} points in the last 7 days, {AlertOccurrence.Number(a.PreviousWeeklyMean)} a week in the 4 weeks before).",
            new Dictionary<string, object?>
            {
                ["surge"] = a.Surge, ["factor"] = factor, ["pointsLast7Days"] = a.ThisWeek, ["weeklyMeanBefore"] = a.PreviousWeeklyMean, ["score"] = a.Score,
            })).ToList();
    }
}
