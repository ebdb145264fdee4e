using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Campaigns;

/// <summary>
/// One campaign over a window: the accounts it reached (any engagement event: delivery reports reach no one), how many of those are engaged, the pipeline it
/// influenced (opportunities created in the window by accounts it had touched by their creation day), its ad spend
/// and the cost per engaged account reached (null without spend data or without an engaged account).
/// </summary>
public sealed record CampaignPerformance(
    string Campaign, long AccountsReached, long EngagedAccountsReached, double InfluencedPipeline, long InfluencedOpportunities,
    double? Spend, double? CostPerEngagedAccount);

/// <summary>Campaign performance from the engagement rollup, opportunities and ad spend.</summary>
/// <remarks>
/// Query intuition: from the daily rollup, each (campaign, account) pair with the first day the campaign touched the
/// account; the window's engaged accounts priced with the scoring model; opportunities created in the window joined
/// to the pairs whose first touch was on or before their creation day; spend summed per campaign from
/// <c>ad_performance</c>. A campaign with spend but no touch is listed too.
/// </remarks>
public sealed class CampaignPerformanceQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string Sql = """
        WITH
            touched AS (
                SELECT campaign, account_id, min(day) AS first_day
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND account_id != '' AND campaign != ''
                GROUP BY campaign, account_id
            ),
            engaged AS (
                SELECT account_id FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND account_id != ''
                GROUP BY account_id
                HAVING sum({points}) >= {threshold:Float64}
            ),
            reach AS (
                SELECT campaign, count() AS reached, countIf(account_id IN (SELECT account_id FROM engaged)) AS engaged_reached
                FROM touched GROUP BY campaign
            ),
            influenced AS (
                SELECT t.campaign AS campaign, sum(o.amount) AS pipeline, count() AS opportunities
                FROM (
                    SELECT account_id, toDate(created_at) AS created_day, toFloat64(ifNull(amount, 0)) AS amount
                    FROM opportunities FINAL
                    WHERE created_at >= {from_time:DateTime64(3, 'UTC')} AND created_at < {to_time:DateTime64(3, 'UTC')}
                ) AS o
                INNER JOIN touched AS t ON t.account_id = o.account_id
                WHERE t.first_day <= o.created_day
                GROUP BY campaign
            ),
            spend AS (
                SELECT campaign, toFloat64(sum(spend)) AS spend FROM ad_performance FINAL
                WHERE date >= {from:Date} AND date < {to:Date} AND campaign != ''
                GROUP BY campaign
            )
        SELECT coalesce(r.campaign, s.campaign) AS campaign,
            ifNull(r.reached, 0) AS reached, ifNull(r.engaged_reached, 0) AS engaged_reached,
            ifNull(i.pipeline, 0) AS pipeline, ifNull(i.opportunities, 0) AS opportunities, s.spend AS spend
        FROM reach AS r
        LEFT JOIN influenced AS i ON i.campaign = r.campaign
        FULL OUTER JOIN spend AS s ON s.campaign = r.campaign
        ORDER BY engaged_reached DESC, campaign
        SETTINGS join_use_nulls = 1
        """;

    public async Task<IReadOnlyList<CampaignPerformance>> RunAsync(DateWindow window, CancellationToken cancellationToken)
    {
        var model = await models.PricedAsync(cancellationToken);
        var sql = Sql.Replace("{points}", ScoringSql.RowPoints, StringComparison.Ordinal);
        return await gateway.ListAsync(sql, window.ToParameters().AddModel(model), r =>
        {
            var engaged = r.Get<long>("engaged_reached");
            var spend = r.Get<double?>("spend");
            return new CampaignPerformance(
                r.Get<string>("campaign"), r.Get<long>("reached"), engaged, r.Get<double>("pipeline"), r.Get<long>("opportunities"),
                spend, Ratio.Of(spend, engaged));
        }, cancellationToken);
    }
}
