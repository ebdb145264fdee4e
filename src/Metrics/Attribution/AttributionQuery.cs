using Analytics.Metrics.Common;

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

/// <summary>First-touch, last-touch and linear attribution of pipeline and won revenue, from each opportunity's stored touches.</summary>
/// <remarks>
/// Query intuition: the opportunities that count (created or won in the window, with an amount) meet their touches
/// (<see cref="OpportunityTouches"/>), one stored row each (<see cref="OpportunityTouchIndex"/>; until it has filled
/// every opportunity, those it lacks are computed here the same way). Each opportunity becomes one weighted row per model and key: first and last
/// touch weigh 1, linear shares the amount among keys in proportion to the account's events there. Each opportunity's
/// weights sum to 1, so every model attributes the same totals; one without a touch counts under the key null.
/// </remarks>
public sealed class AttributionQuery(IClickHouseGateway gateway, OpportunityTouchIndex index)
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
            stored AS (
                SELECT opportunity_id, first, last, {map} FROM opportunity_touches FINAL
                WHERE opportunity_id IN (SELECT opportunity_id FROM opps) AND lookback_days = {lookback:UInt32}
            ),
            touches AS ({touches}),
            weighted AS (
                SELECT share.1 AS model, o.in_pipeline AS in_pipeline, o.in_won AS in_won, o.amount AS amount,
                    nullIf(share.2, '') AS key, share.3 AS weight
                FROM opps AS o
                LEFT JOIN touches AS t ON t.opportunity_id = o.opportunity_id
                ARRAY JOIN arrayConcat(
                    [('FirstTouch', tupleElement(t.first, {element}), 1.0), ('LastTouch', tupleElement(t.last, {element}), 1.0)],
                    if(empty(t.{map}), [('Linear', '', 1.0)],
                        arrayMap((k, events) -> ('Linear', k, events / arraySum(mapValues(t.{map}))), mapKeys(t.{map}), mapValues(t.{map})))) AS share
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

    // Until the index has filled every opportunity, those it lacks are computed here.
    private const string StoredAndComputed = """
        WITH missing AS (
                SELECT opportunity_id, account_id, created_day FROM opps WHERE opportunity_id NOT IN (SELECT opportunity_id FROM stored)
            )
        SELECT * FROM stored
        UNION ALL
        {computed}
        """;

    public async Task<AttributionResult> RunAsync(AttributionRequest request, CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        await index.EnsureCurrentAsync(cancellationToken);
        var column = OpportunityTouches.ColumnOf(request.Dimension);
        var map = OpportunityTouches.MapOf(request.Dimension);
        var touches = index.Filled ? "SELECT * FROM stored"
            : StoredAndComputed.Replace("{computed}", OpportunityTouches.Sql("missing", [request.Dimension]), StringComparison.Ordinal);
        var sql = Sql.Replace("{touches}", touches, StringComparison.Ordinal)
            .Replace("{map}", map, StringComparison.Ordinal)
            .Replace("{element}", $"'{column}'", StringComparison.Ordinal)
            .Replace("{members}", TargetListArgument.MembersSql, StringComparison.Ordinal);
        var parameters = request.Window.ToParameters().Add("lookback", index.LookbackDays)
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? string.Empty);
        var rows = await gateway.ListAsync(sql, parameters, r => new AttributionRow(
            Enum.Parse<AttributionModel>(r.Get<string>("model")), r.Key("key"), r.Get<double>("pipeline"), r.Get<double>("won_revenue"),
            r.Get<double>("pipeline_opportunities"), r.Get<double>("won_opportunities")), cancellationToken);
        return new AttributionResult(rows);
    }
}
