using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;

namespace Analytics.Metrics.Journey;

/// <summary>
/// The account journey (docs/journey.md): every target account is in exactly one stage at any instant (TARGET, AWARE,
/// ENGAGED, OPPORTUNITY, CUSTOMER); over a window, how many were in each stage at its start and end, how many entered
/// each, and how many of those at the start had moved further by the end.
/// </summary>
/// <remarks>
/// Query intuition: an account's stage changes only at a few midnights: where one of its ENGAGED, AWARE or open
/// opportunity spans (<see cref="JourneyIndex"/>) begins or ends, and the one after its first won opportunity closed.
/// The stage is evaluated at `from`, at `to` and at those midnights between them; the first and last give atStart and
/// atEnd, and a stage that differs from the one before it was entered (between two such midnights nothing changes, so
/// the one before is the stage of the day before). One row per target account with a handful of small arrays.
/// </remarks>
public sealed class JourneyQuery(IClickHouseGateway gateway, JourneyIndex index)
{
    private const string Sql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            spans AS (
                SELECT account_id, engaged, aware, open, customer_from FROM journey_spans FINAL
                WHERE account_id IN (SELECT account_id FROM targets)
            ),
            journeys AS (
                SELECT t.account_id AS account_id,
                    -- TRICKY: a target without a row of spans reads the column's default, 0, which would be a customer.
                    if(s.account_id = '', 2147483647, s.customer_from) AS customer_from,
                    arraySort(arrayDistinct(arrayConcat([{from_day:Int32}, {to_day:Int32}], arrayFilter(m -> m > {from_day:Int32} AND m <= {to_day:Int32}, arrayConcat(
                        arrayMap(x -> x.1, s.engaged), arrayMap(x -> x.2, s.engaged), arrayMap(x -> x.1, s.aware), arrayMap(x -> x.2, s.aware),
                        arrayMap(x -> x.1, s.open), arrayMap(x -> x.2, s.open), [customer_from]))))) AS midnights,
                    arrayMap(m -> {stage_at_m}, midnights) AS path,
                    path[1] AS at_start, path[-1] AS at_end,
                    -- The stage at the midnight before each one (the first compares with itself).
                    arrayPushFront(arrayPopBack(path), path[1]) AS before,
                    arrayDistinct(arrayFilter((st, previous) -> st != previous, path, before)) AS entered
                FROM targets AS t
                LEFT JOIN spans AS s ON s.account_id = t.account_id
            )
        SELECT k.key AS key, stage,
            countIf(j.at_start = stage) AS at_start, countIf(j.at_end = stage) AS at_end,
            countIf(has(j.entered, stage)) AS entered, countIf(j.at_start = stage AND j.at_end > stage) AS progressed
        FROM keyed AS k
        INNER JOIN journeys AS j ON j.account_id = k.account_id
        ARRAY JOIN [0, 1, 2, 3, 4] AS stage
        GROUP BY key, stage
        """;

    public async Task<JourneyResult> RunAsync(JourneyRequest request, CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        await index.EnsureCurrentAsync(cancellationToken);
        var window = request.Window;
        var parameters = window.ToParameters()
            .AddTargets(window, request.TargetList)
            .Add("from_day", window.FromDaySince1970)
            .Add("to_day", window.ToDaySince1970);
        var sql = Sql.Replace("{keyed}", FunnelAccounts.Keyed(request.GroupBy), StringComparison.Ordinal)
            .Replace("{stage_at_m}", JourneyStages.AtSql("m", "s", "customer_from"), StringComparison.Ordinal);
        var rows = await gateway.ListAsync(sql, parameters, r => (
            Key: r.Key("key"),
            Stage: JourneyStages.Names[r.Get<byte>("stage")],
            Counts: (AtStart: r.Get<long>("at_start"), AtEnd: r.Get<long>("at_end"), Entered: r.Get<long>("entered"), Progressed: r.Get<long>("progressed"))), cancellationToken);

        IReadOnlyList<JourneyStage> Stages(IEnumerable<(string? Key, string Stage, (long AtStart, long AtEnd, long Entered, long Progressed) Counts)> of)
        {
            var byStage = of.GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.ToList());
            return JourneyStages.Names.Select(name =>
            {
                var counts = byStage.GetValueOrDefault(name) ?? [];
                return new JourneyStage(
                    name, counts.Sum(c => c.Counts.AtStart), counts.Sum(c => c.Counts.AtEnd), counts.Sum(c => c.Counts.Entered), counts.Sum(c => c.Counts.Progressed));
            }).ToList();
        }

        var groups = request.GroupBy is null
            ? []
            : rows.GroupBy(r => r.Key)
                .Select(g => new JourneyGroup(g.Key, Stages(g)))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        return new JourneyResult(Stages(rows), groups);
    }
}
