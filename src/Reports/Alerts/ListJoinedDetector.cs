using System.Globalization;
using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Accounts that joined the rule's (rule) target list since the rule was created, within the last
/// <see cref="AlertOccurrence.Horizon"/>: the joins a list's recompute records in <c>target_list_changes</c>. The key
/// is the list and the moment of the join, so an account that leaves and joins again is news again.
/// </summary>
public sealed class ListJoinedDetector(IClickHouseGateway gateway) : IAlertDetector
{
    private const string Sql = """
        SELECT c.account_id AS account_id, c.at AS at, a.name AS name
        FROM (
            SELECT account_id, at FROM target_list_changes
            WHERE list = {list:String} AND joined = 1 AND at >= {since:DateTime64(3, 'UTC')}
        ) AS c
        LEFT JOIN (SELECT account_id, name FROM accounts FINAL) AS a ON a.account_id = c.account_id
        ORDER BY at, account_id
        """;

    public AlertKind Kind => AlertKind.ListJoined;

    public async Task<IReadOnlyList<AlertOccurrence>> DetectAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var list = rule.Parameters.List ?? throw new InvalidOperationException($"The list rule {rule.Id} has no list.");
        var joins = await gateway.ListAsync(Sql, new QueryParameters().Add("list", list).Add("since", AlertOccurrence.Since(rule, now)),
            r => (Account: r.Get<string>("account_id"), At: r.Get<DateTime>("at"), Name: r.Key("name")), cancellationToken);
        return joins.Select(j => new AlertOccurrence(
            AlertOccurrence.KeyOf(rule.Id, Kind, j.Account, $"{list}\n{j.At.ToString("O", CultureInfo.InvariantCulture)}"),
            rule.Id, Kind, j.Account, j.Name, j.At,
            $"{j.Name ?? j.Account} joined the target list {list}.",
            new Dictionary<string, object?> { ["list"] = list })).ToList();
    }
}
