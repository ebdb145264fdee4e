namespace Analytics.Metrics.Attribution;

/// <summary>
/// The SQL of an opportunity's touches, as attribution counts them: its account's touches of the days
/// (creation day − lookback, creation day] (TRICKY: day granularity, so touches later on the creation day count too),
/// the first and the last as the touch rollup keeps them and the events by channel, source and campaign from the
/// engagement rollup. The index stores them for every opportunity (<see cref="OpportunityTouchIndex"/>); attribution
/// computes them the same way for an opportunity the index has not reached yet.
/// </summary>
public static class OpportunityTouches
{
    /// <summary>
    /// One row per opportunity of the CTE <paramref name="opportunities"/> (<c>opportunity_id</c>, <c>account_id</c>,
    /// <c>created_day</c>): <c>opportunity_id</c>, <c>first</c>, <c>last</c> and, per dimension, its events by key
    /// (<c>channels</c>, <c>sources</c>, <c>campaigns</c>); takes <c>{lookback:UInt32}</c>.
    /// </summary>
    public static string Sql(string opportunities, IReadOnlyCollection<AttributionDimension> dimensions) => $$"""
        SELECT o.opportunity_id AS opportunity_id, e.first AS first, e.last AS last{{string.Concat(dimensions.Select(d => $", s.{MapOf(d)} AS {MapOf(d)}"))}}
        FROM {{opportunities}} AS o
        LEFT JOIN (
            SELECT o.opportunity_id AS opportunity_id, min(t.first) AS first, max(t.last) AS last
            FROM account_touch_daily AS t
            INNER JOIN {{opportunities}} AS o ON o.account_id = t.account_id
            WHERE t.account_id IN (SELECT account_id FROM {{opportunities}})
              AND t.day <= o.created_day AND t.day > o.created_day - {lookback:UInt32}
            GROUP BY opportunity_id
        ) AS e ON e.opportunity_id = o.opportunity_id
        LEFT JOIN (
            SELECT opportunity_id{{string.Concat(dimensions.Select(d => $", CAST(sumMap(map({ColumnOf(d)}, events)) AS Map(String, UInt64)) AS {MapOf(d)}"))}}
            FROM (
                SELECT o.opportunity_id AS opportunity_id{{string.Concat(dimensions.Select(d => $", CAST(d.{ColumnOf(d)} AS String) AS {ColumnOf(d)}"))}}, sum(d.events) AS events
                FROM account_engagement_daily AS d
                INNER JOIN {{opportunities}} AS o ON o.account_id = d.account_id
                WHERE d.account_id IN (SELECT account_id FROM {{opportunities}})
                  AND d.day <= o.created_day AND d.day > o.created_day - {lookback:UInt32}
                GROUP BY ALL
            )
            GROUP BY opportunity_id
        ) AS s ON s.opportunity_id = o.opportunity_id
        """;

    /// <summary>The column of the engagement rollup that holds a dimension's key.</summary>
    public static string ColumnOf(AttributionDimension dimension) => dimension switch
    {
        AttributionDimension.Channel => "channel",
        AttributionDimension.Source => "source",
        AttributionDimension.Campaign => "campaign",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>The column of <see cref="OpportunityTouchTables.Touches"/> that holds a dimension's events by key.</summary>
    public static string MapOf(AttributionDimension dimension) => ColumnOf(dimension) + "s";
}
