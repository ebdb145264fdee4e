using Analytics.Metrics.Engagement;
using Analytics.Metrics.Scoring;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Engagement;

/// <summary>
/// Engagement reads the reach rollup and the activity rollups' write-time prices; it must answer exactly what pricing
/// every event of the engagement rollup at query time answers (the query before, kept here as the oracle), for windows
/// of every shape, with and without a trend and a target list.
/// </summary>
public sealed class EngagementCrossCheckTests
{
    // The engagement query as it was: each account's points priced from the engagement rollup's rows, window functions
    // marking engaged accounts over the window and per period.
    private const string OracleSql = """
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
        ARRAY JOIN [('total', ''), ('channel', channel), ('campaign', campaign), ('period', '')] AS dim
        WHERE NOT (dim.1 = 'campaign' AND dim.2 = '')
        GROUP BY dimension, key, bucket
        """;

    public static TheoryData<int, int, Interval?, bool> Windows => new()
    {
        { 2, 30, null, false },
        { 2, 30, Interval.Week, false },
        { 5, 96, Interval.Week, true },
        { 1, 120, Interval.Month, false },
        { 17, 18, null, true },
        { 9, 100, Interval.Quarter, false },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Engagement_matches_pricing_every_event_at_query_time(int fromDay, int toDay, Interval? interval, bool onList)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(EngagementCrossCheckTests))).WithAsync(Generate(new Random(20261204), 600));
        var window = new DateWindow(Date(1).AddDays(fromDay - 1), Date(1).AddDays(toDay - 1));
        var list = onList ? "half" : null;

        var result = await new EngagementQuery(db.Gateway, db.Models).RunAsync(new EngagementRequest(window, interval, list), default);

        var expected = await OracleAsync(db, window, interval, list);
        Assert.True(expected.Total.Events > 30 && expected.Total.EngagedAccountsReached > 3, $"the generated world should engage accounts: {expected.Total}");
        Assert.Equivalent(expected.Total, result.Total, strict: true);
        Assert.Equivalent(expected.Channels, result.Channels, strict: true);
        Assert.Equivalent(expected.Campaigns, result.Campaigns, strict: true);
        Assert.Equivalent(interval is null ? [] : expected.Trend, result.Trend, strict: true);
    }

    private static async Task<EngagementResult> OracleAsync(MetricsDatabase db, DateWindow window, Interval? interval, string? list)
    {
        var model = await db.Models.PricedAsync(default);
        var sql = OracleSql.Replace("{points}", ScoringSql.RowPoints, StringComparison.Ordinal)
            .Replace("{period}", Periods.StartSql(interval ?? Interval.Week, "day"), StringComparison.Ordinal);
        var rows = await db.Gateway.ListAsync(sql, window.ToParameters().AddModel(model).Add("has_list", list is not null).Add("list", list ?? string.Empty), r => (
            Dimension: r.Get<string>("dimension"), Key: r.Get<string>("key"), Period: r.Get<DateOnly>("bucket"),
            Figures: new EngagementFigures(r.Get<long>("events"), r.Get<long>("reached"), r.Get<long>("engaged_reached"))), default);
        List<EngagementGroup> Groups(string dimension) => rows.Where(r => r.Dimension == dimension)
            .Select(r => new EngagementGroup(r.Key, r.Figures))
            .OrderByDescending(g => g.Figures.EngagedAccountsReached).ThenByDescending(g => g.Figures.Events).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var periods = rows.Where(r => r.Dimension == "period").ToDictionary(r => r.Period, r => r.Figures);
        var trend = Periods.Covering(window, interval ?? Interval.Week)
            .Select(start => new EngagementPoint(start, periods.GetValueOrDefault(start, new EngagementFigures(0, 0, 0)))).ToList();
        var total = rows.Single(r => r.Dimension == "total").Figures;
        return new EngagementResult(total, Groups("channel"), Groups("campaign"), trend);
    }

    /// <summary>Accounts with 0 to 40 events over 130 days from February 1, of every channel, some in campaigns; half on a list.</summary>
    private static Story Generate(Random random, int accounts)
    {
        (string Channel, string Type)[] kinds =
        [
            ("ad", "impression"), ("ad", "click"), ("email", "open"), ("email", "click"), ("web", "page_view"), ("web", "page_view"),
            ("web", "form_submit"), ("event", "attended"), ("other", "call"),
        ];
        string[] paths = ["/blog/a", "/pricing", "/docs/start", "/demo", "/about"];
        string[] campaigns = ["", "", "spring", "nurture", "webinar-q2"];
        string[] sources = ["", "linkedin", "google", "newsletter"];
        var story = new Story();
        for (var i = 0; i < accounts; i++)
        {
            var id = $"x{i:D4}";
            story.Account(id);
            if (i % 2 == 0)
            {
                story.OnList("half", id);
            }

            for (var n = random.Next(0, 41); n > 0; n--)
            {
                var (channel, type) = kinds[random.Next(kinds.Length)];
                var url = channel == "web" ? $"https://site.example{paths[random.Next(paths.Length)]}" : string.Empty;
                story.Event(id, Day(1).AddDays(-28).AddMinutes(random.Next(0, 130 * 24 * 60)), channel, type, url,
                    campaign: campaigns[random.Next(campaigns.Length)], source: sources[random.Next(sources.Length)]);
            }
        }

        return story;
    }
}
