using System.Globalization;
using Analytics.Metrics.Common;
using Analytics.Metrics.Journey;
using Analytics.Storage;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Accounts that entered the rule's journey stage at a midnight after the day the rule was created (and within the
/// last <see cref="AlertOccurrence.Horizon"/>), from the journey
/// index (<c>journey_spans</c>, docs/journey.md): the stage at that midnight is the rule's and the stage the midnight
/// before was another. The journey counts a day's activity from the next midnight, so an account engaged by today's
/// events enters ENGAGED at tonight's midnight: that is the alert's <c>occurredAt</c> and, with the stage, its key.
/// </summary>
/// <remarks>
/// Query intuition: an account's stage changes only where one of its spans begins or ends, or at its first win
/// (<see cref="JourneyQuery"/>); those midnights after the rule's day are unrolled and the stage evaluated at each
/// and at the midnight before it, as the journey evaluates it.
/// </remarks>
public sealed class StageEntryDetector(IClickHouseGateway gateway, JourneyIndex index) : IAlertDetector
{
    private const string Sql = """
        SELECT e.account_id AS account_id, e.m AS midnight, e.before AS before, nullIf(a.name, '') AS name
        FROM (
            SELECT account_id, m, {stage_at_before} AS before
            FROM (
                SELECT account_id, engaged, aware, open, customer_from,
                    arrayDistinct(arrayFilter(x -> x > {since_day:Int32} AND x <= {until_day:Int32}, arrayConcat(
                        arrayMap(x -> x.1, engaged), arrayMap(x -> x.2, engaged), arrayMap(x -> x.1, aware), arrayMap(x -> x.2, aware),
                        arrayMap(x -> x.1, open), arrayMap(x -> x.2, open), [customer_from]))) AS midnights
                FROM journey_spans FINAL
            )
            ARRAY JOIN midnights AS m
            WHERE {stage_at_m} = {stage:UInt8} AND before != {stage:UInt8}
        ) AS e
        LEFT JOIN (SELECT account_id, name FROM accounts FINAL) AS a ON a.account_id = e.account_id
        ORDER BY account_id, midnight
        """;

    public AlertKind Kind => AlertKind.StageEntered;

    public async Task<IReadOnlyList<AlertOccurrence>> DetectAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var stage = rule.Parameters.Stage ?? throw new InvalidOperationException($"The stage rule {rule.Id} has no stage.");
        var number = JourneyStages.Names.ToList().IndexOf(stage);
        await index.EnsureCurrentAsync(cancellationToken);
        var sql = Sql.Replace("{stage_at_m}", StageAt("m"), StringComparison.Ordinal).Replace("{stage_at_before}", StageAt("m - 1"), StringComparison.Ordinal);
        var entries = await gateway.ListAsync(sql,
            new QueryParameters().Add("since_day", DaySince1970(AlertOccurrence.Since(rule, now))).Add("until_day", DaySince1970(now) + 1).Add("stage", (byte)number),
            r => (Account: r.Get<string>("account_id"), Midnight: r.Get<int>("midnight"), Before: r.Get<byte>("before"), Name: r.Get<string?>("name")),
            cancellationToken);
        return entries.Select(e =>
        {
            var at = DateTime.UnixEpoch.AddDays(e.Midnight);
            var day = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new AlertOccurrence(
                AlertOccurrence.KeyOf(rule.Id, Kind, e.Account, $"{stage}\n{day}"), rule.Id, Kind, e.Account, e.Name, at,
                $"{e.Name ?? e.Account} entered the {stage} stage on {day} (from {JourneyStages.Names[e.Before]}).",
                new Dictionary<string, object?> { ["stage"] = stage, ["previousStage"] = JourneyStages.Names[e.Before], ["day"] = day });
        }).ToList();
    }

    /// <summary>The stage number (TARGET 0 … CUSTOMER 4) at midnight <paramref name="m"/>, as <see cref="JourneyQuery"/> evaluates it.</summary>
    private static string StageAt(string m) => $"""
        multiIf(customer_from <= {m}, 4,
            arrayExists(x -> x.1 <= {m} AND {m} < x.2, open), 3,
            arrayExists(x -> x.1 <= {m} AND {m} < x.2, engaged), 2,
            arrayExists(x -> x.1 <= {m} AND {m} < x.2, aware), 1,
            0)
        """;

    private static int DaySince1970(DateTime t) => (int)(t.Date - DateTime.UnixEpoch).TotalDays;
}
