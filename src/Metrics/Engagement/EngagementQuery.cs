using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Engagement;

/// <summary>
/// An engagement request: a window, an optional trend interval, an optional target list, and the parts to compute
/// (each costs a pass over the window's rows; a part not asked for is empty in the result).
/// </summary>
public sealed record EngagementRequest(DateWindow Window, Interval? Interval = null, string? TargetList = null, EngagementParts Parts = EngagementParts.All);

/// <summary>The parts of an engagement result; the trend needs an interval too.</summary>
[Flags]
public enum EngagementParts
{
    Total = 1,
    Channels = 2,
    Campaigns = 4,
    Trend = 8,
    All = Total | Channels | Campaigns | Trend,
}

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
/// points earned in that period). The total and the trend need nothing else: the same rollup rows carry each account's
/// events, so a row per account and bucket gives its events, its reach and whether it is engaged. Channels and
/// campaigns need the window's rows of <c>account_engagement_daily</c> (of the list's accounts when a list is given),
/// counted straight into each channel and campaign, one grouping each and only those asked for: events summed,
/// accounts reached and engaged accounts reached counted exactly (by the accounts' 64-bit hashes, three times faster
/// to count than the ids; two ids would have to share a hash to count once, about one chance in 10^10 among 50,000
/// accounts), grouped by the rollup's low-cardinality keys and cast to text once grouped (a quarter faster than
/// casting every row). At 50M events a year that rollup holds about a row per event: grouping its rows by account
/// first, as this query did, cost seconds, pricing them at query time with window functions over every account 8–35 s,
/// and a 12-week trend from it 0.7 s, where the activity rollups' weeks take 0.2 s.
/// </remarks>
public sealed class EngagementQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string With = """
        WITH
            engaged AS (
                SELECT account_id FROM ({whole_points})
                GROUP BY account_id
                HAVING sum(points) >= {threshold:Float64}
            ),
            window_rows AS (
                SELECT cityHash64(account_id) AS account, channel, campaign, events,
                    account IN (SELECT cityHash64(account_id) FROM engaged) AS is_engaged
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND {listed}
            )
        """;

    // The total and the trend need no channel or campaign: each account's events and points per period come from
    // the activity rollups' fewest buckets (as its points do), a row per account and week instead of per event.
    private const string TotalSql = """
        SELECT 'total' AS dimension, '' AS key, {from:Date} AS bucket,
            sum(events) AS events, count() AS reached, countIf(points >= {threshold:Float64}) AS engaged_reached
        FROM (SELECT account_id, sum(events) AS events, sum(points) AS points FROM ({whole_activity}) GROUP BY account_id)
        """;

    private const string ChannelsSql = """
        SELECT 'channel' AS dimension, CAST(channel, 'String') AS key, {from:Date} AS bucket,
            sum(events) AS events, uniqExact(account) AS reached, uniqExactIf(account, is_engaged) AS engaged_reached
        FROM window_rows
        GROUP BY channel
        """;

    private const string CampaignsSql = """
        SELECT 'campaign' AS dimension, CAST(campaign, 'String') AS key, {from:Date} AS bucket,
            sum(events) AS events, uniqExact(account) AS reached, uniqExactIf(account, is_engaged) AS engaged_reached
        FROM window_rows
        WHERE campaign != ''
        GROUP BY campaign
        """;

    private const string TrendSql = """
        SELECT 'period' AS dimension, '' AS key, period AS bucket,
            sum(events) AS events, count() AS reached, countIf(points >= {threshold:Float64}) AS engaged_reached
        FROM (
            SELECT account_id, {point_period} AS period, sum(events) AS events, sum(points) AS points
            FROM ({trend_activity})
            GROUP BY account_id, period
        )
        GROUP BY period
        """;

    private const string Listed = $"account_id IN ({TargetListArgument.MembersSql})";

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
            Figures: new EngagementFigures(r.Get<long>("events"), r.Get<long>("reached"), r.Get<long>("engaged_reached"))), cancellationToken);
        return Assemble(rows, request);
    }

    private static string BuildSql(EngagementRequest request)
    {
        var window = request.Window;
        var listed = request.TargetList is null ? null : Listed;
        var with = With
            .Replace("{whole_points}", WindowPoints.Sql("whole", WindowCover.Of(window.From, window.To, interval: null), listed), StringComparison.Ordinal)
            .Replace("{listed}", listed ?? "account_id != ''", StringComparison.Ordinal);
        var parts = new List<string>();
        var wholeActivity = WindowPoints.Sql("whole", WindowCover.Of(window.From, window.To, interval: null), listed, withEvents: true);
        if (request.Parts.HasFlag(EngagementParts.Total))
        {
            parts.Add(TotalSql.Replace("{whole_activity}", wholeActivity, StringComparison.Ordinal));
        }

        if (request.Parts.HasFlag(EngagementParts.Channels))
        {
            parts.Add(ChannelsSql);
        }

        if (request.Parts.HasFlag(EngagementParts.Campaigns))
        {
            parts.Add(CampaignsSql);
        }

        if (request.Interval is { } interval && request.Parts.HasFlag(EngagementParts.Trend))
        {
            parts.Add(TrendSql
                .Replace("{trend_activity}", WindowPoints.Sql("trend", WindowCover.Of(window.From, window.To, interval), listed, withEvents: true), StringComparison.Ordinal)
                .Replace("{point_period}", Periods.StartSql(interval, "bucket"), StringComparison.Ordinal));
        }

        // Nothing asked for (only __typename, say): the total, the cheapest part, keeps the SQL whole.
        return with.TrimEnd() + "\n" + string.Join("\nUNION ALL\n", parts.Count == 0 ? [TotalSql.Replace("{whole_activity}", wholeActivity, StringComparison.Ordinal)] : parts);
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
