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
/// Query intuition: the stages are read at midnights, so all times are whole days. Each account's points and active
/// days from the lookback before `from` up to `to` come from the daily activity rollup as two dense arrays (one cell a
/// day) and their running sums, so the points of the lookback before any midnight are one subtraction. The stage at every
/// midnight from `from` to `to` is then an array per account (its opportunities travel as one small array), and its
/// first and last cells, and the places where it changes, give atStart, atEnd and entered. One row per target account;
/// no join per account-day.
/// </remarks>
public sealed class JourneyQuery(IClickHouseGateway gateway, ScoringModelStore models, IOptions<JourneyOptions> options)
{
    private const string Sql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            -- Each account's points and active days from the lookback before `from` to `to`, as dense arrays by day.
            activity AS (
                SELECT account_id,
                    groupArrayInsertAt(0., {days:UInt32})(points, offset) AS points,
                    groupArrayInsertAt(toUInt32(0), {days:UInt32})(toUInt32(1), offset) AS active
                FROM (
                    SELECT account_id, toUInt32(dateDiff('day', {start:Date}, bucket)) AS offset, sum(points) AS points
                    FROM ({window_points})
                    WHERE account_id IN (SELECT account_id FROM targets)
                    GROUP BY account_id, offset
                )
                GROUP BY account_id
            ),
            -- (created day, closed day or never, status) of each opportunity created before the window's end.
            deals AS (
                SELECT account_id,
                    groupArray((toInt32(toDate(created_at)), if(closed_at IS NULL, 2147483647, toInt32(toDate(assumeNotNull(closed_at)))), status)) AS list
                FROM opportunities FINAL
                WHERE created_at < {to_time:DateTime64(3, 'UTC')} AND account_id IN (SELECT account_id FROM targets)
                GROUP BY account_id
            ),
            -- TRICKY: a lambda that reads a column of its row (an array) copies it for every element it maps, which over
            -- 366 midnights of 455-day arrays per account is billions of cells; so every step below maps arrays side by
            -- side (element-wise) and captures only the small array of opportunities.
            journeys AS (
                SELECT t.account_id AS account_id,
                    arrayConcat([0.], arrayCumSum(a.points)) AS points_before,
                    arrayConcat([toUInt64(0)], arrayCumSum(a.active)) AS active_before,
                    -- The lookback of midnight m (day {from_day} + m) ends at cell from_offset + m and starts L cells earlier.
                    arrayResize(arraySlice(points_before, {from_offset:Int32} + 1, {midnights:UInt32}), {midnights:UInt32}, 0.) AS points_to,
                    arrayResize(arrayConcat(arrayWithConstant({clamped:UInt32}, 0.), arraySlice(points_before, 1, {midnights:UInt32} - {clamped:UInt32})), {midnights:UInt32}, 0.) AS points_from,
                    arrayResize(arraySlice(active_before, {from_offset:Int32} + 1, {midnights:UInt32}), {midnights:UInt32}, toUInt64(0)) AS active_to,
                    arrayResize(arrayConcat(arrayWithConstant({clamped:UInt32}, toUInt64(0)), arraySlice(active_before, 1, {midnights:UInt32} - {clamped:UInt32})), {midnights:UInt32}, toUInt64(0)) AS active_from,
                    arrayMap(day -> multiIf(
                        arrayExists(d -> d.3 = 'won' AND d.2 < day, s.list), 4,
                        arrayExists(d -> d.1 < day AND (d.3 = 'open' OR d.2 >= day), s.list), 3,
                        0), arrayMap(m -> {from_day:Int32} + toInt32(m), range({midnights:UInt32}))) AS deal_stage,
                    arrayMap((deal, to_points, from_points, to_active, from_active) -> toUInt8(multiIf(
                        deal > 0, deal,
                        to_points - from_points >= {threshold:Float64}, 2,
                        to_active > from_active, 1,
                        0)), deal_stage, points_to, points_from, active_to, active_from) AS path,
                    path[1] AS at_start, path[-1] AS at_end,
                    -- The stage of the midnight before each one (the first compares with itself).
                    arrayConcat([path[1]], arrayPopBack(path)) AS before,
                    arrayDistinct(arrayFilter((st, previous) -> st != previous, path, before)) AS entered
                FROM targets AS t
                LEFT JOIN activity AS a ON a.account_id = t.account_id
                LEFT JOIN deals AS s ON s.account_id = t.account_id
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
            .Add("start", activityFrom)
            .Add("days", (uint)(window.To.DayNumber - activityFrom.DayNumber))
            .Add("from_day", window.From.DayNumber - UnixEpoch.DayNumber)
            .Add("from_offset", window.From.DayNumber - activityFrom.DayNumber)
            // Midnights whose lookback would start before the rollups' first day (1970) start there.
            .Add("clamped", (uint)(lookback - (window.From.DayNumber - activityFrom.DayNumber)))
            .Add("midnights", (uint)(window.Days + 1))
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
