using Analytics.Metrics.Common;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Attribution;

/// <summary>What revenue is attributed to: the channel, source or campaign of an account's touches.</summary>
public enum AttributionDimension
{
    Channel,
    Source,
    Campaign,
}

/// <summary>How an opportunity's amount is shared among its touches.</summary>
public enum AttributionModel
{
    FirstTouch,
    LastTouch,
    Linear,
}

/// <summary>Attribution over <paramref name="Window"/>, of the opportunities of one target list's accounts (all when null).</summary>
public sealed record AttributionRequest(DateWindow Window, AttributionDimension Dimension, string? TargetList = null);

/// <summary>
/// Revenue attributed to one key under one model: pipeline (amounts of opportunities created in the window) and won
/// revenue (amounts of opportunities won in the window), with the (possibly fractional) opportunities behind them.
/// The key null holds opportunities without a touch.
/// </summary>
public sealed record AttributionRow(
    AttributionModel Model, string? Key, double Pipeline, double WonRevenue, double PipelineOpportunities, double WonOpportunities);

public sealed record AttributionResult(IReadOnlyList<AttributionRow> Rows);

/// <summary>First-touch, last-touch and linear attribution of pipeline and won revenue, from the rollups.</summary>
/// <remarks>
/// Query intuition: the opportunities that count (created or won in the window, with an amount) meet their account's
/// touches from the lookback before their creation day up to that day (TRICKY: day granularity, so touches later on the
/// creation day count too). First and last touch are the smallest and largest (time, channel, source, campaign) of the
/// touch rollup's days; linear shares each amount among keys in proportion to the account's events there. Each
/// opportunity's weights sum to 1, so every model attributes the same totals. Each weighted row carries its
/// opportunity's amount, so the opportunities are read as few times as the engine's inlined CTEs allow (first and last
/// touch share one pass over the touches).
/// </remarks>
public sealed class AttributionQuery(IClickHouseGateway gateway, IOptions<MetricsOptions> options)
{
    private const string Sql = """
        WITH
            opps AS (
                SELECT opportunity_id, account_id, toDate(created_at) AS created_day, toFloat64(assumeNotNull(amount)) AS amount,
                    created_at >= {from_time:DateTime64(3, 'UTC')} AND created_at < {to_time:DateTime64(3, 'UTC')} AS in_pipeline,
                    status = 'won' AND closed_at >= {from_time:DateTime64(3, 'UTC')} AND closed_at < {to_time:DateTime64(3, 'UTC')} AS in_won
                FROM opportunities AS opportunity FINAL
                -- TRICKY: a bare `amount` here is the non-null alias above, so the test must name the table's column.
                WHERE opportunity.amount IS NOT NULL AND (in_pipeline OR in_won)
                  AND (NOT {has_list:Bool} OR account_id IN ({members}))
            ),
            ends AS (
                SELECT o.opportunity_id AS opportunity_id, min(t.first) AS first, max(t.last) AS last
                FROM (
                    SELECT account_id, day, first, last FROM account_touch_daily
                    WHERE account_id IN (SELECT account_id FROM opps) AND day < {to:Date}
                ) AS t
                INNER JOIN opps AS o ON o.account_id = t.account_id
                WHERE t.day <= o.created_day AND t.day > o.created_day - {lookback:UInt32}
                GROUP BY opportunity_id
            ),
            spread AS (
                SELECT o.opportunity_id AS opportunity_id, d.{column} AS key, sum(d.events) AS events
                FROM account_engagement_daily AS d
                INNER JOIN opps AS o ON o.account_id = d.account_id
                WHERE d.account_id IN (SELECT account_id FROM opps) AND d.account_id != '' AND d.day < {to:Date}
                  AND d.day <= o.created_day AND d.day > o.created_day - {lookback:UInt32}
                GROUP BY opportunity_id, key
            ),
            weighted AS (
                SELECT touch.1 AS model, o.in_pipeline AS in_pipeline, o.in_won AS in_won, o.amount AS amount,
                    nullIf(tupleElement(touch.2, {element}), '') AS key, 1.0 AS weight
                FROM opps AS o LEFT JOIN ends AS e ON e.opportunity_id = o.opportunity_id
                ARRAY JOIN [('FirstTouch', e.first), ('LastTouch', e.last)] AS touch
                UNION ALL
                SELECT 'Linear', o.in_pipeline, o.in_won, o.amount, nullIf(s.key, ''),
                    if(s.events = 0, 1.0, s.events / sum(s.events) OVER (PARTITION BY o.opportunity_id))
                FROM opps AS o LEFT JOIN spread AS s ON s.opportunity_id = o.opportunity_id
            )
        SELECT model, key,
            sum(in_pipeline * amount * weight) AS pipeline,
            sum(in_won * amount * weight) AS won_revenue,
            sum(in_pipeline * weight) AS pipeline_opportunities,
            sum(in_won * weight) AS won_opportunities
        FROM weighted
        GROUP BY model, key
        ORDER BY model, pipeline DESC, won_revenue DESC, key
        """;

    public async Task<AttributionResult> RunAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        var (column, element) = request.Dimension switch
        {
            AttributionDimension.Channel => ("channel", "'channel'"),
            AttributionDimension.Source => ("source", "'source'"),
            AttributionDimension.Campaign => ("campaign", "'campaign'"),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Dimension, null),
        };
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var sql = Sql.Replace("{column}", column, StringComparison.Ordinal).Replace("{element}", element, StringComparison.Ordinal)
            .Replace("{members}", TargetListArgument.MembersSql, StringComparison.Ordinal);
        var parameters = request.Window.ToParameters().Add("lookback", (uint)options.Value.AttributionLookbackDays)
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? string.Empty);
        var rows = await gateway.ListAsync(sql, parameters, r => new AttributionRow(
            Enum.Parse<AttributionModel>(r.Get<string>("model")), r.Key("key"), r.Get<double>("pipeline"), r.Get<double>("won_revenue"),
            r.Get<double>("pipeline_opportunities"), r.Get<double>("won_opportunities")), cancellationToken);
        return new AttributionResult(rows);
    }
}
