using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.EngagedAccounts;

/// <summary>
/// Engaged accounts, ranked by score as keyset-paginated pages, or by surge (<see cref="SurgingAccountsQuery"/>), with
/// each account's surge.
/// </summary>
/// <remarks>
/// Query intuition: the points of the window (the score, see <see cref="WindowPoints"/>) are summed per account.
/// Accounts at or above the minimum score that pass the filters are counted (a window count over all of them) and the
/// page after the cursor is cut from the ranking. A second, small query reads, for the page's accounts only, their last
/// activity, open opportunities and the surge's two sums: the points of the window's last 7 days and of the 28 days
/// before those, from the daily rollup alone. Ranked by surge, the two sums are summed for every account in the ranking
/// query itself, which is dearer.
/// </remarks>
public sealed class EngagedAccountsQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    /// <summary>Most accounts one page may hold.</summary>
    public const int MaxPageSize = 500;

    private const string RankSqlTemplate = """
        WITH
            scored AS (
                SELECT account_id,
                    sumIf(points, part = 0) AS score,
                    sumIf(points, part = 1) AS this_week,
                    sumIf(points, part = 2) AS baseline
                FROM (
                    SELECT 0 AS part, * FROM ({window_points})
                    {surge_parts}
                )
                GROUP BY account_id
                HAVING score >= {min_score:Float64}
            ),
            filtered AS (
                SELECT s.account_id AS account_id, a.name AS name, a.tier AS tier, a.owner AS owner, s.score AS score,
                    s.this_week AS this_week, s.baseline / 4 AS previous_mean,
                    {surge} AS surge
                FROM scored AS s
                LEFT JOIN (SELECT account_id, name, tier, owner FROM accounts FINAL) AS a ON a.account_id = s.account_id
                WHERE (NOT {has_list:Bool} OR s.account_id IN ({members}))
                  AND (NOT {has_tier:Bool} OR a.tier = {tier:String})
                  AND (NOT {has_owner:Bool} OR a.owner = {owner:String})
                  AND (NOT {has_min_surge:Bool} OR surge >= {min_surge:Float64})
                  AND (NOT {has_intent:Bool} OR s.account_id IN ({intent_accounts}))
            ),
            counted AS (SELECT *, count() OVER () AS total FROM filtered)
        SELECT * FROM counted
        WHERE NOT {has_after:Bool} OR score < {after_score:Float64} OR (score = {after_score:Float64} AND account_id > {after_id:String})
        ORDER BY {order}
        LIMIT {limit:UInt32}
        """;

    // Ranked by surge, every account's surge is needed; ranked by score, only the page's (see DetailSql).
    private const string SurgeParts = """
        UNION ALL
        SELECT 1 AS part, * FROM ({week_points})
        UNION ALL
        SELECT 2 AS part, * FROM ({baseline_points})
        """;

    private const string DetailSql = """
        SELECT id AS account_id, t.last_at AS last_at, ifNull(o.open, 0) AS open, ifNull(p.this_week, 0) AS this_week,
            ifNull(p.baseline, 0) AS baseline
        FROM (SELECT arrayJoin({ids:Array(String)}) AS id) AS ids
        LEFT JOIN (
            SELECT account_id, max(last_at) AS last_at
            FROM (
                SELECT account_id, last_at FROM account_touch_daily WHERE account_id IN {ids:Array(String)} AND {touch_days}
                UNION ALL
                SELECT account_id, last_at FROM account_touch_monthly WHERE account_id IN {ids:Array(String)} AND {touch_months}
            )
            GROUP BY account_id
        ) AS t ON t.account_id = ids.id
        LEFT JOIN (
            SELECT account_id, count() AS open FROM opportunities FINAL
            WHERE account_id IN {ids:Array(String)} AND created_at < {to_time:DateTime64(3, 'UTC')}
              AND (closed_at IS NULL OR closed_at >= {to_time:DateTime64(3, 'UTC')})
            GROUP BY account_id
        ) AS o ON o.account_id = ids.id
        LEFT JOIN (
            SELECT account_id, sumIf(points, bucket >= {week_start:Date}) AS this_week, sumIf(points, bucket < {week_start:Date}) AS baseline
            FROM ({page_points})
            GROUP BY account_id
        ) AS p ON p.account_id = ids.id
        SETTINGS join_use_nulls = 1
        """;

    private const string ByScore = "score DESC, account_id";

    private const string BySurge = "surge DESC, score DESC, account_id";

    public async Task<EngagedAccountsPage> RunAsync(EngagedAccountsRequest request, CancellationToken cancellationToken)
    {
        if (request.First is < 0 or > MaxPageSize)
        {
            throw new MetricArgumentException($"'first' must be between 0 and {MaxPageSize}; it is {request.First}.");
        }

        var covers = Covers.Of(request.Window);
        var parameters = (await ParametersAsync(request.Window, covers, request.TargetList, request.Tier, request.Owner, request.MinScore, request.Intent, cancellationToken))
            .Add("has_min_surge", false).Add("min_surge", 0.0)
            .Add("has_after", request.After is not null).Add("after_score", request.After?.Score ?? 0).Add("after_id", request.After?.AccountId ?? string.Empty)
            .Add("limit", (uint)request.First + 1);
        var sql = RankSql(ByScore, covers, surgeOfAll: false);
        var (ranked, total) = await RankAsync(sql, parameters, cancellationToken);
        if (request.After is not null && ranked.Count == 0)
        {
            total = await CountAsync(sql, parameters, cancellationToken);
        }

        var page = ranked.Take(request.First).ToList();
        return new EngagedAccountsPage(total, await WithDetailsAsync(page, covers, parameters, cancellationToken), ranked.Count > request.First);
    }

    /// <summary>The engaged accounts with a surge of at least the request's minimum, strongest surge first (then score, then id).</summary>
    internal async Task<IReadOnlyList<EngagedAccount>> SurgingAsync(SurgingAccountsRequest request, CancellationToken cancellationToken)
    {
        var covers = Covers.Of(request.Window);
        var parameters = (await ParametersAsync(request.Window, covers, request.TargetList, request.Tier, request.Owner, request.MinScore, request.Intent, cancellationToken))
            .Add("has_min_surge", true).Add("min_surge", request.MinSurge)
            .Add("has_after", false).Add("after_score", 0.0).Add("after_id", string.Empty)
            .Add("limit", (uint)request.First);
        var (ranked, _) = await RankAsync(RankSql(BySurge, covers, surgeOfAll: true), parameters, cancellationToken);
        return await WithDetailsAsync(ranked, covers, parameters, cancellationToken);
    }

    private async Task<QueryParameters> ParametersAsync(
        DateWindow window, Covers covers, string? targetList, string? tier, string? owner, double? minScore, IntentFilter? intent,
        CancellationToken cancellationToken)
    {
        await TargetListArgument.EnsureExistsAsync(gateway, targetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var parameters = (intent ?? new IntentFilter(string.Empty, 0)).AddTo(window.ToParameters(), "intent", window.To).Add("has_intent", intent is not null);
        return parameters.AddModel(model)
            .AddWindow("score", covers.Score)
            .AddWindow("week", covers.Week)
            .AddWindow("baseline", covers.Baseline)
            .AddWindow("page", covers.PageDays)
            .Add("week_start", covers.WeekStart)
            // The touch rollups come by day and by month only.
            .AddWindow("touch", WindowCover.Of(window.From, window.To, weeks: false, months: true))
            .Add("min_score", minScore ?? model.Model.Threshold)
            .Add("has_list", targetList is not null).Add("list", targetList ?? string.Empty)
            .Add("has_tier", tier is not null).Add("tier", tier ?? string.Empty)
            .Add("has_owner", owner is not null).Add("owner", owner ?? string.Empty);
    }

    /// <summary>
    /// The window's cover (the score), and apart from it its last week and the four before (the surge), and the days of
    /// those five weeks, for a page's accounts.
    /// </summary>
    private sealed record Covers(DateOnly WeekStart, WindowCover Score, WindowCover Week, WindowCover Baseline, WindowCover PageDays)
    {
        // Covered apart, so that no week or month bucket straddles the last week and the four before it. A page's few
        // accounts read days alone: their rows lie far apart, so each table read costs about the same whatever its grain,
        // and one read of the daily rollup is cheaper than a read of each grain of both parts.
        public static Covers Of(DateWindow window)
        {
            var (week, baseline) = SurgeCovers(window.To);
            var weekStart = window.To.AddDays(-7);
            return new(
                weekStart,
                WindowCover.Of(window.From, window.To, interval: null),
                week,
                baseline,
                WindowCover.Of(weekStart.AddDays(-28), window.To, weeks: false, months: false));
        }
    }

    /// <summary>
    /// The two parts of the surge as of <paramref name="to"/> (exclusive): its last 7 days, and the 28 days before them
    /// (covered apart, so that no week or month bucket straddles the two). Rule lists take the surge so too.
    /// </summary>
    public static (WindowCover Week, WindowCover Baseline) SurgeCovers(DateOnly to)
    {
        var weekStart = to.AddDays(-7);
        return (WindowCover.Of(weekStart, to, weeks: true, months: true), WindowCover.Of(weekStart.AddDays(-28), weekStart, weeks: true, months: true));
    }

    /// <summary>
    /// The SQL of the surge from the points of the last 7 days (<paramref name="thisWeek"/>) and of the 28 days before
    /// (<paramref name="baseline"/>): this week over the mean week before, null without a baseline.
    /// </summary>
    public static string SurgeSql(string thisWeek, string baseline) => $"if({baseline} > 0, {thisWeek} / ({baseline} / 4), NULL)";

    private static string RankSql(string order, Covers covers, bool surgeOfAll) => RankSqlTemplate.Replace("{order}", order, StringComparison.Ordinal)
        .Replace("{surge}", SurgeSql("s.this_week", "s.baseline"), StringComparison.Ordinal)
        .Replace("{surge_parts}", surgeOfAll ? SurgeParts : string.Empty, StringComparison.Ordinal)
        .Replace("{window_points}", WindowPoints.Sql("score", covers.Score), StringComparison.Ordinal)
        .Replace("{week_points}", WindowPoints.Sql("week", covers.Week), StringComparison.Ordinal)
        .Replace("{baseline_points}", WindowPoints.Sql("baseline", covers.Baseline), StringComparison.Ordinal)
        .Replace("{members}", TargetListArgument.MembersSql, StringComparison.Ordinal)
        .Replace("{intent_accounts}", IntentFilter.AccountsSql("intent"), StringComparison.Ordinal);

    // The last activity comes from the touch rollups, whole months from the monthly one: a page's accounts lie far apart
    // in the daily one, where a year of them is read as thousands of rows each.
    private static string PageDetailSql(Covers covers) => DetailSql
        .Replace("{touch_days}", WindowPoints.Filter("touch", "day"), StringComparison.Ordinal)
        .Replace("{touch_months}", WindowPoints.Filter("touch", "month"), StringComparison.Ordinal)
        .Replace("{page_points}", WindowPoints.Sql("page", covers.PageDays, PageAccounts), StringComparison.Ordinal);

    private const string PageAccounts = "account_id IN {ids:Array(String)}";

    private async Task<(List<ClickHouseRow> Ranked, long Total)> RankAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken)
    {
        long total = 0;
        var ranked = await gateway.ListAsync(sql, parameters, row =>
        {
            total = row.Get<long>("total");
            return row;
        }, cancellationToken);
        return (ranked, total);
    }

    private async Task<IReadOnlyList<EngagedAccount>> WithDetailsAsync(
        List<ClickHouseRow> rows, Covers covers, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var details = await DetailsAsync(rows.Select(r => r.Get<string>("account_id")).ToArray(), covers, parameters, cancellationToken);
        return rows.Select(row => ToAccount(row, details)).ToList();
    }

    private static EngagedAccount ToAccount(ClickHouseRow row, Dictionary<string, PageDetail> details)
    {
        var id = row.Get<string>("account_id");
        var score = row.Get<double>("score");
        var detail = details.GetValueOrDefault(id);
        var previousMean = detail.Baseline / 4;
        return new EngagedAccount(
            id, row.Get<string?>("name"), row.Get<string?>("tier"), row.Get<string?>("owner"), score, detail.ThisWeek, previousMean,
            Ratio.Of(detail.ThisWeek, previousMean), detail.LastAt, detail.Open, new EngagedAccountCursor(score, id));
    }

    /// <summary>What is read for a page's accounts only: last activity, open opportunities, and the surge's two sums.</summary>
    private readonly record struct PageDetail(DateTime? LastAt, long Open, double ThisWeek, double Baseline);

    // A page past the end still reports how many accounts there are.
    private async Task<long> CountAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var all = new QueryParameters();
        foreach (var (name, value) in parameters)
        {
            all.Add(name, value);
        }

        all.Add("has_after", false).Add("limit", 1u);
        var rows = await gateway.ListAsync(sql, all, r => r.Get<long>("total"), cancellationToken);
        return rows.Count == 0 ? 0 : rows[0];
    }

    private async Task<Dictionary<string, PageDetail>> DetailsAsync(
        string[] ids, Covers covers, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        parameters.Add("ids", ids);
        var rows = await gateway.ListAsync(PageDetailSql(covers), parameters, r => (
            Id: r.Get<string>("account_id"),
            Detail: new PageDetail(r.Get<DateTime?>("last_at"), r.Get<long>("open"), r.Get<double>("this_week"), r.Get<double>("baseline"))),
            cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Detail);
    }
}
