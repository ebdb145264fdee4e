using Analytics.Metrics.Common;
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

/// <summary>Engagement by channel and by campaign over a window, with an optional trend, from the engagement rollup.</summary>
/// <remarks>
/// Query intuition: the window's rows of <c>account_engagement_daily</c> (of the list's accounts when a list is given),
/// each priced with the scoring model. An account is engaged when its points over the window reach the threshold; a
/// channel or campaign counts its events, the accounts it reached, and those of them engaged over the whole window.
/// A trend sums each account's points per period and counts the accounts engaged within that period. One UNION ALL,
/// tagged by dimension: totals, channels, campaigns (events without a campaign left out) and, when asked, periods.
/// </remarks>
public sealed class EngagementQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string Sql = """
        WITH
            priced AS (
                SELECT account_id, day, CAST(channel, 'String') AS channel, CAST(campaign, 'String') AS campaign, events, {points} AS points
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND account_id != ''
                  AND (NOT {has_list:Bool} OR account_id IN (
                      SELECT account_id FROM target_list_members FINAL WHERE list = {list:String} AND removed_at IS NULL))
            ),
            engaged AS (
                SELECT account_id FROM priced GROUP BY account_id HAVING sum(points) >= {threshold:Float64}
            )
        SELECT 'total' AS dimension, '' AS key, {from:Date} AS period, sum(events) AS events, uniqExact(account_id) AS reached,
            uniqExactIf(account_id, account_id IN (SELECT account_id FROM engaged)) AS engaged_reached
        FROM priced
        UNION ALL
        SELECT 'channel', channel, {from:Date}, sum(events), uniqExact(account_id), uniqExactIf(account_id, account_id IN (SELECT account_id FROM engaged))
        FROM priced GROUP BY channel
        UNION ALL
        SELECT 'campaign', campaign, {from:Date}, sum(events), uniqExact(account_id), uniqExactIf(account_id, account_id IN (SELECT account_id FROM engaged))
        FROM priced WHERE campaign != '' GROUP BY campaign
        {trend}
        """;

    private const string TrendSql = """
        UNION ALL
        SELECT 'period', '', period, sum(period_events), count(), countIf(period_points >= {threshold:Float64})
        FROM (
            SELECT {period} AS period, account_id, sum(events) AS period_events, sum(points) AS period_points
            FROM priced GROUP BY period, account_id
        )
        GROUP BY period
        """;

    public async Task<EngagementResult> RunAsync(EngagementRequest request, CancellationToken cancellationToken)
    {
        await TargetLists.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.CurrentAsync(cancellationToken);
        var parameters = request.Window.ToParameters().AddModel(model)
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? string.Empty);
        var rows = await gateway.ListAsync(BuildSql(request.Interval), parameters, r => (
            Dimension: r.Get<string>("dimension"), Key: r.Get<string>("key"), Period: r.Get<DateOnly>("period"),
            Figures: new EngagementFigures(r.Get<long>("events"), r.Get<long>("reached"), r.Get<long>("engaged_reached"))), cancellationToken);
        return Assemble(rows, request);
    }

    private static string BuildSql(Interval? interval)
    {
        var trend = interval is { } i ? TrendSql.Replace("{period}", Periods.StartSql(i, "day"), StringComparison.Ordinal) : string.Empty;
        return Sql.Replace("{points}", ScoringSql.RowPoints, StringComparison.Ordinal).Replace("{trend}", trend, StringComparison.Ordinal);
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
