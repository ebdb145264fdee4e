using Analytics.Metrics.Common;
using Analytics.Metrics.Schema;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Engagement;

/// <summary>An engagement request: a window, an optional trend interval and an optional target list.</summary>
public sealed record EngagementRequest(DateWindow Window, Interval? Interval = null, string? TargetList = null);

/// <summary>
/// Events and accounts reached, and how many of those accounts are engaged; <see cref="EngagedShare"/> is
/// engaged ÷ reached, null when no account was reached.
/// </summary>
public sealed record EngagementFigures(long Events, long AccountsReached, long EngagedAccountsReached)
{
    public double? EngagedShare => Ratio.Of(EngagedAccountsReached, AccountsReached);
}

/// <summary>The figures of one channel or one campaign.</summary>
public sealed record EngagementGroup(string Key, EngagementFigures Figures);

/// <summary>The figures of one trend period; engaged there means engaged by the points earned in that period.</summary>
public sealed record EngagementPoint(DateOnly PeriodStart, EngagementFigures Figures);

public sealed record EngagementResult(
    EngagementFigures Total, IReadOnlyList<EngagementGroup> Channels, IReadOnlyList<EngagementGroup> Campaigns, IReadOnlyList<EngagementPoint> Trend);

/// <summary>Engagement by channel and by campaign over a window, with an optional trend, from the rollups.</summary>
/// <remarks>
/// Query intuition: which accounts are engaged comes from the activity rollups, priced at write time
/// (<see cref="WindowPoints"/>): over the whole window, and for a trend per period (engaged there means engaged by the
/// points earned in that period). For all accounts, the reach rollup (<c>channel_reach_daily</c>) gives each day,
/// channel and campaign's events and a bitmap of its accounts: a group's reach is its merged bitmap's size, its engaged
/// reach the size of that bitmap's intersection with the engaged accounts' bitmap. For a target list, the engagement
/// rollup's rows of the list's accounts are summed per account, channel, campaign and period instead, each marked with
/// the two flags, and ARRAY JOIN copies each into the total, its channel, its campaign and its period for one GROUP BY.
/// (Pricing the engagement rollup's rows at query time with window functions took 8–35 s at 50M events.)
/// </remarks>
public sealed class EngagementQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string EngagedSql = """
        SELECT account_id FROM ({whole_points})
        GROUP BY account_id
        HAVING sum(points) >= {threshold:Float64}
        """;

    // A trend's engaged accounts per period: the trend's cover keeps each bucket inside one period.
    private const string EngagedByPeriodSql = """
        SELECT account_id, {point_period} AS period FROM ({trend_points})
        GROUP BY account_id, period
        HAVING sum(points) >= {threshold:Float64}
        """;

    private const string AllAccountsSql = """
        WITH (SELECT groupBitmapState({account_hash}) FROM ({engaged})) AS engaged
        SELECT dimension, key, {from:Date} AS bucket, sum(day_events) AS events,
            bitmapCardinality(groupBitmapMergeState(day_accounts)) AS reached,
            bitmapAndCardinality(groupBitmapMergeState(day_accounts), engaged) AS engaged_reached
        FROM (
            SELECT dim.1 AS dimension, dim.2 AS key, events AS day_events, accounts AS day_accounts
            FROM channel_reach_daily
            ARRAY JOIN [('total', ''), ('channel', CAST(channel, 'String')), ('campaign', CAST(campaign, 'String'))] AS dim
            WHERE day >= {from:Date} AND day < {to:Date} AND NOT (dim.1 = 'campaign' AND dim.2 = '')
        )
        GROUP BY dimension, key
        """;

    private const string AllAccountsTrendSql = """
        UNION ALL
        SELECT 'period' AS dimension, '' AS key, r.period AS bucket, r.events AS events,
            bitmapCardinality(r.accounts) AS reached, bitmapAndCardinality(r.accounts, e.accounts) AS engaged_reached
        FROM (
            SELECT {period} AS period, sum(events) AS events, groupBitmapMergeState(accounts) AS accounts
            FROM channel_reach_daily
            WHERE day >= {from:Date} AND day < {to:Date}
            GROUP BY period
        ) AS r
        LEFT JOIN (
            SELECT period, groupBitmapState({account_hash}) AS accounts FROM ({engaged_by_period}) GROUP BY period
        ) AS e ON e.period = r.period
        """;

    private const string ListSql = """
        SELECT dim.1 AS dimension, dim.2 AS key, if(dim.1 = 'period', period, {from:Date}) AS bucket,
            sum(row_events) AS events, uniqExact(account_id) AS reached,
            uniqExactIf(account_id, if(dim.1 = 'period', engaged_in_period, engaged)) AS engaged_reached
        FROM (
            SELECT account_id, channel, campaign, period, row_events,
                account_id IN ({engaged}) AS engaged, {engaged_in_period} AS engaged_in_period
            FROM (
                SELECT account_id, CAST(channel, 'String') AS channel, CAST(campaign, 'String') AS campaign, {period} AS period,
                    sum(events) AS row_events
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND {listed}
                GROUP BY account_id, channel, campaign, period
            )
        )
        ARRAY JOIN [('total', ''), ('channel', channel), ('campaign', campaign){period_dimension}] AS dim
        WHERE NOT (dim.1 = 'campaign' AND dim.2 = '')
        GROUP BY dimension, key, bucket
        """;

    private const string Listed = "account_id IN (SELECT account_id FROM target_list_members FINAL WHERE list = {list:String} AND removed_at IS NULL)";

    public async Task<EngagementResult> RunAsync(EngagementRequest request, CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var window = request.Window;
        var parameters = window.ToParameters().AddModel(model)
            .AddWindow("whole", WindowCover.Of(window.From, window.To, interval: null))
            .AddWindow("trend", WindowCover.Of(window.From, window.To, request.Interval))
            .Add("list", request.TargetList ?? string.Empty);
        var rows = await gateway.ListAsync(BuildSql(request), parameters, r => (
            Dimension: r.Get<string>("dimension"), Key: r.Get<string>("key"), Period: r.Get<DateOnly>("bucket"),
            Figures: new EngagementFigures((long)r.Get<ulong>("events"), (long)r.Get<ulong>("reached"), (long)r.Get<ulong>("engaged_reached"))), cancellationToken);
        return Assemble(rows, request);
    }

    private static string BuildSql(EngagementRequest request)
    {
        var window = request.Window;
        var listed = request.TargetList is null ? null : Listed;
        var engaged = EngagedSql.Replace("{whole_points}", WindowPoints.Sql("whole", WindowCover.Of(window.From, window.To, interval: null), listed), StringComparison.Ordinal);
        var engagedByPeriod = request.Interval is { } trendInterval
            ? EngagedByPeriodSql
                .Replace("{trend_points}", WindowPoints.Sql("trend", WindowCover.Of(window.From, window.To, trendInterval), listed), StringComparison.Ordinal)
                .Replace("{point_period}", Periods.StartSql(trendInterval, "bucket"), StringComparison.Ordinal)
            : null;
        var period = request.Interval is { } interval ? Periods.StartSql(interval, "day") : "{from:Date}";
        var sql = listed is null
            ? AllAccountsSql + (engagedByPeriod is null ? string.Empty : "\n" + AllAccountsTrendSql.Replace("{engaged_by_period}", engagedByPeriod, StringComparison.Ordinal))
            : ListSql
                .Replace("{listed}", listed, StringComparison.Ordinal)
                .Replace("{engaged_in_period}", engagedByPeriod is null ? "0" : $"(account_id, period) IN ({engagedByPeriod})", StringComparison.Ordinal)
                .Replace("{period_dimension}", engagedByPeriod is null ? string.Empty : ", ('period', '')", StringComparison.Ordinal);
        return sql.Replace("{engaged}", engaged, StringComparison.Ordinal)
            .Replace("{account_hash}", RollupTables.AccountHash, StringComparison.Ordinal)
            .Replace("{period}", period, StringComparison.Ordinal);
    }

    private static EngagementResult Assemble(List<(string Dimension, string Key, DateOnly Period, EngagementFigures Figures)> rows, EngagementRequest request)
    {
        List<EngagementGroup> Groups(string dimension) => rows.Where(r => r.Dimension == dimension)
            .Select(r => new EngagementGroup(r.Key, r.Figures))
            .OrderByDescending(g => g.Figures.EngagedAccountsReached).ThenByDescending(g => g.Figures.Events).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var empty = new EngagementFigures(0, 0, 0);
        var periods = rows.Where(r => r.Dimension == "period").ToDictionary(r => r.Period, r => r.Figures);
        var trend = request.Interval is { } interval
            ? Periods.Covering(request.Window, interval).Select(start => new EngagementPoint(start, periods.GetValueOrDefault(start, empty))).ToList()
            : [];
        var total = rows.Where(r => r.Dimension == "total").Select(r => r.Figures).FirstOrDefault() ?? empty;
        return new EngagementResult(total, Groups("channel"), Groups("campaign"), trend);
    }
}
