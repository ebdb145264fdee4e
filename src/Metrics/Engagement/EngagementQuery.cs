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
/// priced with the scoring model and summed per account, channel, campaign and trend period. Window functions mark an
/// account engaged when its points over the window reach the threshold (and, for the trend, its points in the period).
/// One scan: ARRAY JOIN copies each row into the total, its channel, its campaign (none for events without one) and its
/// period, and one GROUP BY counts events, accounts reached and engaged accounts reached in each.
/// </remarks>
public sealed class EngagementQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string Sql = """
        SELECT dim.1 AS dimension, dim.2 AS key, if(dim.1 = 'period', period, {from:Date}) AS bucket,
            sum(row_events) AS events, uniqExact(account_id) AS reached,
            uniqExactIf(account_id, if(dim.1 = 'period', engaged_in_period, engaged)) AS engaged_reached
        FROM (
            SELECT account_id, channel, campaign, period, row_events,
                sum(row_points) OVER (PARTITION BY account_id) >= {threshold:Float64} AS engaged,
                sum(row_points) OVER (PARTITION BY account_id, period) >= {threshold:Float64} AS engaged_in_period
            FROM (
                SELECT account_id, CAST(channel, 'String') AS channel, CAST(campaign, 'String') AS campaign, {period} AS period,
                    sum(events) AS row_events, sum({points}) AS row_points
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND account_id != ''
                  AND (NOT {has_list:Bool} OR account_id IN (
                      SELECT account_id FROM target_list_members FINAL WHERE list = {list:String} AND removed_at IS NULL))
                GROUP BY account_id, channel, campaign, period
            )
        )
        ARRAY JOIN [('total', ''), ('channel', channel), ('campaign', campaign){period_dimension}] AS dim
        WHERE NOT (dim.1 = 'campaign' AND dim.2 = '')
        GROUP BY dimension, key, bucket
        """;

    public async Task<EngagementResult> RunAsync(EngagementRequest request, CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var parameters = request.Window.ToParameters().AddModel(model)
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? string.Empty);
        var rows = await gateway.ListAsync(BuildSql(request.Interval), parameters, r => (
            Dimension: r.Get<string>("dimension"), Key: r.Get<string>("key"), Period: r.Get<DateOnly>("bucket"),
            Figures: new EngagementFigures(r.Get<long>("events"), r.Get<long>("reached"), r.Get<long>("engaged_reached"))), cancellationToken);
        return Assemble(rows, request);
    }

    private static string BuildSql(Interval? interval) => Sql
        .Replace("{points}", ScoringSql.RowPoints, StringComparison.Ordinal)
        .Replace("{period}", interval is { } i ? Periods.StartSql(i, "day") : "{from:Date}", StringComparison.Ordinal)
        .Replace("{period_dimension}", interval is null ? string.Empty : ", ('period', '')", StringComparison.Ordinal);

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
