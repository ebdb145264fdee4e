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
/// points earned in that period). The window's rows of <c>account_engagement_daily</c> (of the list's accounts when a
/// list is given) are then counted straight into the total, each channel, each campaign and each period, one grouping
/// each and only those asked for: events summed, accounts reached and engaged accounts reached counted exactly (by the
/// accounts' 64-bit hashes, three times faster to count than the ids; two ids would have to share a hash to count once,
/// about one chance in 10^10 among 50,000 accounts). At 50M events a year the rollup holds about a row per event, so
/// grouping those rows by account first, as this query did, cost seconds; pricing them at query time with window
/// functions over every account cost 8–35 s.
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
                SELECT account_id, cityHash64(account_id) AS account, CAST(channel, 'String') AS channel, CAST(campaign, 'String') AS campaign,
                    day, events, account_id IN (SELECT account_id FROM engaged) AS is_engaged
                FROM account_engagement_daily
                WHERE day >= {from:Date} AND day < {to:Date} AND {listed}
            )
        """;

    private const string TotalSql = """
        SELECT 'total' AS dimension, '' AS key, {from:Date} AS bucket,
            sum(events) AS events, uniqExact(account) AS reached, uniqExactIf(account, is_engaged) AS engaged_reached
        FROM window_rows
        """;

    private const string ChannelsSql = """
        SELECT 'channel' AS dimension, channel AS key, {from:Date} AS bucket,
            sum(events) AS events, uniqExact(account) AS reached, uniqExactIf(account, is_engaged) AS engaged_reached
        FROM window_rows
        GROUP BY channel
        """;

    private const string CampaignsSql = """
        SELECT 'campaign' AS dimension, campaign AS key, {from:Date} AS bucket,
            sum(events) AS events, uniqExact(account) AS reached, uniqExactIf(account, is_engaged) AS engaged_reached
        FROM window_rows
        WHERE campaign != ''
        GROUP BY campaign
        """;

    // A trend's engaged accounts per period (the trend's cover keeps each bucket inside one period), and its rows.
    private const string PeriodEngagedSql = """
        ,
            engaged_by_period AS (
                SELECT account_id, {point_period} AS period FROM ({trend_points})
                GROUP BY account_id, period
                HAVING sum(points) >= {threshold:Float64}
            )
        """;

    private const string TrendSql = """
        SELECT 'period' AS dimension, '' AS key, period AS bucket, sum(events) AS events, uniqExact(account) AS reached,
            uniqExactIf(account, (account_id, period) IN (SELECT account_id, period FROM engaged_by_period)) AS engaged_reached
        FROM (SELECT account_id, account, {day_period} AS period, events FROM window_rows)
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
        if (request.Parts.HasFlag(EngagementParts.Total))
        {
            parts.Add(TotalSql);
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
            with += PeriodEngagedSql
                .Replace("{trend_points}", WindowPoints.Sql("trend", WindowCover.Of(window.From, window.To, interval), listed), StringComparison.Ordinal)
                .Replace("{point_period}", Periods.StartSql(interval, "bucket"), StringComparison.Ordinal)
                .TrimEnd();
            parts.Add(TrendSql.Replace("{day_period}", Periods.StartSql(interval, "day"), StringComparison.Ordinal));
        }

        // Nothing asked for (only __typename, say): the total, the cheapest part, keeps the SQL whole.
        return with.TrimEnd() + "\n" + string.Join("\nUNION ALL\n", parts.Count == 0 ? [TotalSql] : parts);
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
