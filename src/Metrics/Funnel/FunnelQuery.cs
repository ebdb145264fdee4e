using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Funnel;

/// <summary>
/// The account-based funnel (docs/design.md): Target → Engaged → Opportunity → Won over <c>[from, to)</c>.
/// </summary>
/// <remarks>
/// Query intuition: engaged accounts are priced from the activity rollups (<see cref="WindowPoints"/>) per period (the
/// whole window, or each trend period) and kept when their points reach the threshold and they are targets. An engaged
/// account reaches Opportunity with an opportunity created in its period, and Won when one was also won (closed) then.
/// Each (period, account) is one row, so each account counts once per stage.
/// For the whole window the target accounts get a group key each (an attribute, or their first touch in the window)
/// and are joined once to the engaged accounts and to their opportunities: each key's row holds all four counts.
/// A trend is never grouped: each (period, account)'s points, creations and wins are summed in one grouping, without
/// joins (the expensive part at scale); its target row comes out with period 1970-01-01, stage rows with their periods.
/// </remarks>
public sealed class FunnelQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    // The whole window: one pass over the target accounts (their keys are computed once), joined to the engaged ones and
    // their stages; a row per key.
    private const string WholeSql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            engaged AS (
                SELECT account_id
                FROM ({window_points})
                {target_filter}
                GROUP BY account_id
                HAVING sum(points) >= {threshold:Float64}
            ),
            staged AS (
                SELECT account_id, max(created) AS has_opportunity, max(won) AS has_won
                FROM (
                    SELECT account_id, 1 AS created, 0 AS won FROM opportunities FINAL
                    WHERE created_at >= {from_time:DateTime64(3, 'UTC')} AND created_at < {to_time:DateTime64(3, 'UTC')}
                    UNION ALL
                    SELECT account_id, 0 AS created, 1 AS won FROM opportunities FINAL
                    WHERE status = 'won' AND closed_at >= {from_time:DateTime64(3, 'UTC')} AND closed_at < {to_time:DateTime64(3, 'UTC')}
                )
                GROUP BY account_id
            )
        SELECT toDate(0) AS period, k.key AS key, count() AS target, countIf(e.hit = 1) AS engaged,
            countIf(e.hit = 1 AND s.has_opportunity = 1) AS opportunity, countIf(e.hit = 1 AND s.has_opportunity = 1 AND s.has_won = 1) AS won
        FROM keyed AS k
        LEFT JOIN (SELECT account_id, 1 AS hit FROM engaged) AS e ON e.account_id = k.account_id
        LEFT JOIN staged AS s ON s.account_id = k.account_id
        GROUP BY key
        """;

    // A trend (never grouped): the targets once, then one grouping per (period, account) of its points and its
    // opportunities' creations and wins together, so the engaged accounts meet their stages without a join.
    private const string TrendSql = FunnelAccounts.Targets + """
        SELECT toDate(0) AS period, CAST(NULL, 'Nullable(String)') AS key, count() AS target, 0 AS engaged, 0 AS opportunity, 0 AS won
        FROM targets
        UNION ALL
        SELECT period, CAST(NULL, 'Nullable(String)') AS key, 0 AS target, count() AS engaged,
            countIf(has_opportunity = 1) AS opportunity, countIf(has_opportunity = 1 AND has_won = 1) AS won
        FROM (
            SELECT period, account_id, max(created) AS has_opportunity, max(won) AS has_won
            FROM (
                SELECT {period_bucket} AS period, account_id, points, 0 AS created, 0 AS won
                FROM ({window_points})
                {target_filter}
                UNION ALL
                SELECT {period_created} AS period, account_id, 0., 1 AS created, 0 AS won FROM opportunities FINAL
                WHERE created_at >= {from_time:DateTime64(3, 'UTC')} AND created_at < {to_time:DateTime64(3, 'UTC')}
                UNION ALL
                SELECT {period_closed} AS period, account_id, 0., 0 AS created, 1 AS won FROM opportunities FINAL
                WHERE status = 'won' AND closed_at >= {from_time:DateTime64(3, 'UTC')} AND closed_at < {to_time:DateTime64(3, 'UTC')}
            )
            GROUP BY period, account_id
            HAVING sum(points) >= {threshold:Float64} AND account_id IN (SELECT account_id FROM targets)
        )
        GROUP BY period
        """;

    // A short target list is applied before the points are summed; all accounts are applied after (by the join to the
    // keys, or by the trend's HAVING).
    private const string ListFilter = "WHERE account_id IN (SELECT account_id FROM targets)";

    private static readonly DateOnly TargetPeriod = new(1970, 1, 1);

    public async Task<FunnelResult> RunAsync(FunnelRequest request, CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var window = request.Window;
        var hasList = request.TargetList is not null;
        var wholeCover = WindowCover.Of(window.From, window.To, interval: null);
        var trendCover = WindowCover.Of(window.From, window.To, request.Interval);
        var parameters = window.ToParameters()
            .AddModel(model)
            .AddWindow("whole", wholeCover)
            .AddWindow("trend", trendCover)
            .AddTargets(window, request.TargetList);

        // The whole window and the trend are two queries, run side by side; the trend's own target rows give its targets.
        var totals = request.Totals || request.Interval is null;
        var wholeRows = totals
            ? CountAsync(WholeQuery(request.GroupBy, wholeCover, hasList), parameters, cancellationToken)
            : Task.FromResult<List<FunnelRow>>([]);
        var trendRows = request.Interval is { } interval
            ? CountAsync(TrendQuery(interval, trendCover, hasList), parameters, cancellationToken)
            : Task.FromResult<List<FunnelRow>>([]);
        await Task.WhenAll(wholeRows, trendRows);

        var whole = await wholeRows;
        var total = whole.Aggregate(default(FunnelCounts), (sum, r) => sum.Plus(r.Counts));
        var groups = request.GroupBy is null
            ? []
            : whole.GroupBy(r => r.Key)
                .Select(g => new FunnelGroup(g.Key, g.Aggregate(default(FunnelCounts), (sum, r) => sum.Plus(r.Counts)).ToStages()))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        var trend = request.Interval is { } trendInterval ? Trend(await trendRows, request.Window, trendInterval) : [];
        return new FunnelResult(totals ? total.ToStages() : [], groups, trend);
    }

    private static string WholeQuery(FunnelGroupBy? groupBy, WindowCover cover, bool hasList) => WholeSql
        .Replace("{keyed}", FunnelAccounts.Keyed(groupBy), StringComparison.Ordinal)
        .Replace("{window_points}", WindowPoints.Sql("whole", cover), StringComparison.Ordinal)
        .Replace("{target_filter}", hasList ? ListFilter : string.Empty, StringComparison.Ordinal);

    private static string TrendQuery(Interval interval, WindowCover cover, bool hasList) => TrendSql
        .Replace("{window_points}", WindowPoints.Sql("trend", cover), StringComparison.Ordinal)
        .Replace("{target_filter}", hasList ? ListFilter : string.Empty, StringComparison.Ordinal)
        .Replace("{period_bucket}", Periods.StartSql(interval, "bucket"), StringComparison.Ordinal)
        .Replace("{period_created}", Periods.StartSql(interval, "created_at"), StringComparison.Ordinal)
        .Replace("{period_closed}", Periods.StartSql(interval, "closed_at"), StringComparison.Ordinal);

    private static IReadOnlyList<FunnelPoint> Trend(List<FunnelRow> rows, DateWindow window, Interval interval)
    {
        var targets = rows.Where(r => r.Period is null).Sum(r => r.Counts.Target);
        var byPeriod = rows.Where(r => r.Period is not null).ToDictionary(r => r.Period!.Value, r => r.Counts);
        return Periods.Covering(window, interval)
            .Select(start => new FunnelPoint(start, (byPeriod.GetValueOrDefault(start) with { Target = targets }).ToStages()))
            .ToList();
    }

    private Task<List<FunnelRow>> CountAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken) =>
        gateway.ListAsync(sql, parameters, row =>
        {
            var period = row.Get<DateOnly>("period");
            return new FunnelRow(
                period == TargetPeriod ? null : period,
                row.Key("key"),
                new FunnelCounts(row.Get<long>("target"), row.Get<long>("engaged"), row.Get<long>("opportunity"), row.Get<long>("won")));
        }, cancellationToken);

    private sealed record FunnelRow(DateOnly? Period, string? Key, FunnelCounts Counts);
}
