using Analytics.Metrics.Common;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Scoring;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Journey;

/// <summary>
/// The account journey (docs/journey.md): every target account is in exactly one stage at any instant (TARGET, AWARE,
/// ENGAGED, OPPORTUNITY, CUSTOMER); over a window, how many were in each stage at its start and end, how many entered
/// each, and how many of those at the start had moved further by the end.
/// </summary>
/// <remarks>
/// Query intuition: all times are whole days (day numbers), since the stages are read at midnights. An account's stage
/// can only change at a midnight after something happened: the day after an active day (its points join the lookback),
/// the day after it leaves the lookback (L + 1 days later), the day after an opportunity was created or closed. So the
/// stage is evaluated only at those midnights inside [from, to], plus from and to themselves ("probes"), never at every
/// day of every account. The lookback's points and active days at each probe come from the daily activity rollup with
/// one window function over the account's days (RANGE L PRECEDING to 1 PRECEDING); the opportunities of an account travel
/// as one small array. Between two probes the stage holds, so consecutive probes of different stages are exactly the
/// entries into a stage at some midnight in (from, to].
/// </remarks>
public sealed class JourneyQuery(IClickHouseGateway gateway, ScoringModelStore models, IOptions<JourneyOptions> options)
{
    private const string Sql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            activity AS (
                SELECT account_id, toInt32(bucket) AS day, sum(points) AS points
                FROM ({window_points})
                WHERE account_id IN (SELECT account_id FROM targets)
                GROUP BY account_id, day
            ),
            -- (created day, closed day or never, status) of each opportunity created before the window's end.
            deals AS (
                SELECT account_id,
                    groupArray((toInt32(toDate(created_at)), if(closed_at IS NULL, 2147483647, toInt32(toDate(assumeNotNull(closed_at)))), status)) AS list
                FROM opportunities FINAL
                WHERE created_at < {to_time:DateTime64(3, 'UTC')} AND account_id IN (SELECT account_id FROM targets)
                GROUP BY account_id
            ),
            probes AS (
                SELECT DISTINCT account_id, day
                FROM (
                    SELECT account_id, arrayJoin([{from_day:Int32}, {to_day:Int32}]) AS day FROM targets
                    UNION ALL
                    SELECT account_id, arrayJoin([day + 1, day + {lookback:Int32} + 1]) AS day FROM activity
                    UNION ALL
                    SELECT account_id, arrayJoin(arrayFlatten(arrayMap(d -> [d.1 + 1, d.2 + 1], list))) AS day FROM deals
                )
                WHERE day >= {from_day:Int32} AND day <= {to_day:Int32}
            ),
            looked_back AS (
                SELECT account_id, day, probe,
                    sum(points) OVER lookback AS points, sum(active) OVER lookback AS active_days
                FROM (
                    SELECT account_id, day, points, 1 AS active, 0 AS probe FROM activity
                    UNION ALL
                    SELECT account_id, day, 0., 0, 1 FROM probes
                )
                WINDOW lookback AS (PARTITION BY account_id ORDER BY day RANGE BETWEEN {lookback:Int32} PRECEDING AND 1 PRECEDING)
            ),
            staged AS (
                SELECT l.account_id AS account_id, l.day AS day,
                    multiIf(
                        arrayExists(d -> d.3 = 'won' AND d.2 < l.day, s.list), 4,
                        arrayExists(d -> d.1 < l.day AND (d.3 = 'open' OR d.2 >= l.day), s.list), 3,
                        l.points >= {threshold:Float64}, 2,
                        l.active_days > 0, 1,
                        0) AS stage
                FROM looked_back AS l
                LEFT JOIN deals AS s ON s.account_id = l.account_id
                WHERE l.probe = 1
            ),
            journeys AS (
                SELECT account_id, arrayMap(p -> p.2, arraySort(p -> p.1, groupArray((day, stage)))) AS path,
                    path[1] AS at_start, path[-1] AS at_end,
                    arrayDistinct(arrayFilter((s, i) -> i > 1 AND s != path[i - 1], path, arrayEnumerate(path))) AS entered
                FROM staged
                GROUP BY account_id
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
        await TargetLists.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var window = request.Window;
        var lookback = options.Value.LookbackDays;
        // The rollups hold nothing before 1970; a lookback reaching further back reads from there.
        var activityFrom = DateOnly.FromDayNumber(Math.Max(window.From.DayNumber - lookback, UnixEpoch.DayNumber));
        var activity = WindowCover.Of(activityFrom, window.To, weeks: false, months: false);
        var parameters = window.ToParameters()
            .AddModel(model)
            .AddWindow("activity", activity)
            .AddTargets(window, request.TargetList)
            .Add("from_day", window.From.DayNumber - UnixEpoch.DayNumber)
            .Add("to_day", window.To.DayNumber - UnixEpoch.DayNumber)
            .Add("lookback", lookback);
        var sql = Sql
            .Replace("{keyed}", FunnelAccounts.Keyed(request.GroupBy), StringComparison.Ordinal)
            .Replace("{window_points}", WindowPoints.Sql("activity", activity), StringComparison.Ordinal);
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

    private static readonly DateOnly UnixEpoch = new(1970, 1, 1);
}
