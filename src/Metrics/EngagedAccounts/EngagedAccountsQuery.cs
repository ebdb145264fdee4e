using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.EngagedAccounts;

/// <summary>Engaged accounts, ranked by score, as keyset-paginated pages, with each account's surge.</summary>
/// <remarks>
/// Query intuition: the points of the window (the score, from whole months and days, see <see cref="WindowPoints"/>)
/// and, by day, of its last 7 days and the 28 days before those (the surge's baseline) are summed per account. Accounts at or above the minimum score that pass the
/// filters are counted (a window count over all of them) and the page after the cursor is cut from the ranking.
/// A second, small query reads last activity and open opportunities for the page's accounts only.
/// </remarks>
public sealed class EngagedAccountsQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    /// <summary>Most accounts one page may hold.</summary>
    public const int MaxPageSize = 500;

    private const string RankSql = """
        WITH
            scored AS (
                SELECT account_id,
                    sumIf(points, in_window) AS score,
                    sumIf(points, NOT in_window AND bucket >= {week_start:Date}) AS this_week,
                    sumIf(points, NOT in_window AND bucket < {week_start:Date}) AS baseline
                FROM (
                    SELECT 1 AS in_window, * FROM ({window_points})
                    UNION ALL
                    SELECT 0 AS in_window, * FROM ({surge_points})
                )
                GROUP BY account_id
                HAVING score >= {min_score:Float64}
            ),
            filtered AS (
                SELECT s.account_id AS account_id, a.name AS name, a.tier AS tier, a.owner AS owner, s.score AS score,
                    s.this_week AS this_week, s.baseline / 4 AS previous_mean
                FROM scored AS s
                LEFT JOIN (SELECT account_id, name, tier, owner FROM accounts FINAL) AS a ON a.account_id = s.account_id
                WHERE (NOT {has_list:Bool} OR s.account_id IN ({members}))
                  AND (NOT {has_tier:Bool} OR a.tier = {tier:String})
                  AND (NOT {has_owner:Bool} OR a.owner = {owner:String})
            ),
            counted AS (SELECT *, count() OVER () AS total FROM filtered)
        SELECT * FROM counted
        WHERE NOT {has_after:Bool} OR score < {after_score:Float64} OR (score = {after_score:Float64} AND account_id > {after_id:String})
        ORDER BY score DESC, account_id
        LIMIT {limit:UInt32}
        """;

    private const string DetailSql = """
        SELECT id AS account_id, t.last_at AS last_at, ifNull(o.open, 0) AS open
        FROM (SELECT arrayJoin({ids:Array(String)}) AS id) AS ids
        LEFT JOIN (
            SELECT account_id, max(last_at) AS last_at FROM account_touch_daily
            WHERE account_id IN {ids:Array(String)} AND day >= {from:Date} AND day < {to:Date}
            GROUP BY account_id
        ) AS t ON t.account_id = ids.id
        LEFT JOIN (
            SELECT account_id, count() AS open FROM opportunities FINAL
            WHERE account_id IN {ids:Array(String)} AND created_at < {to_time:DateTime64(3, 'UTC')}
              AND (closed_at IS NULL OR closed_at >= {to_time:DateTime64(3, 'UTC')})
            GROUP BY account_id
        ) AS o ON o.account_id = ids.id
        SETTINGS join_use_nulls = 1
        """;

    public async Task<EngagedAccountsPage> RunAsync(EngagedAccountsRequest request, CancellationToken cancellationToken)
    {
        if (request.First is < 0 or > MaxPageSize)
        {
            throw new MetricArgumentException($"'first' must be between 0 and {MaxPageSize}; it is {request.First}.");
        }

        await TargetLists.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.CurrentAsync(cancellationToken);
        var window = request.Window;
        var weekStart = window.To.AddDays(-7);
        var parameters = window.ToParameters().AddModel(model)
            .AddWindow("score", WindowCover.Of(window.From, window.To, interval: null))
            .AddWindow("surge", WindowCover.Of(weekStart.AddDays(-28), window.To, weeks: false, months: false))
            .Add("week_start", weekStart)
            .Add("min_score", request.MinScore ?? model.Threshold)
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? string.Empty)
            .Add("has_tier", request.Tier is not null).Add("tier", request.Tier ?? string.Empty)
            .Add("has_owner", request.Owner is not null).Add("owner", request.Owner ?? string.Empty)
            .Add("has_after", request.After is not null).Add("after_score", request.After?.Score ?? 0).Add("after_id", request.After?.AccountId ?? string.Empty)
            .Add("limit", (uint)request.First + 1);

        var sql = RankSql.Replace("{window_points}", WindowPoints.Sql("score"), StringComparison.Ordinal)
            .Replace("{surge_points}", WindowPoints.Sql("surge"), StringComparison.Ordinal)
            .Replace("{members}", TargetLists.MembersSql, StringComparison.Ordinal);
        long total = 0;
        var ranked = await gateway.ListAsync(sql, parameters, row =>
        {
            total = row.Get<long>("total");
            return row;
        }, cancellationToken);
        if (request.After is not null && ranked.Count == 0)
        {
            total = await CountAsync(sql, parameters, cancellationToken);
        }

        var page = ranked.Take(request.First).ToList();
        var details = await DetailsAsync(page.Select(r => r.Get<string>("account_id")).ToArray(), parameters, cancellationToken);
        var accounts = page.Select(row => ToAccount(row, details)).ToList();
        return new EngagedAccountsPage(total, accounts, ranked.Count > request.First);
    }

    private static EngagedAccount ToAccount(ClickHouseRow row, Dictionary<string, (DateTime? LastAt, long Open)> details)
    {
        var id = row.Get<string>("account_id");
        var score = row.Get<double>("score");
        var thisWeek = row.Get<double>("this_week");
        var previousMean = row.Get<double>("previous_mean");
        var (lastAt, open) = details.GetValueOrDefault(id);
        return new EngagedAccount(
            id, row.Get<string?>("name"), row.Get<string?>("tier"), row.Get<string?>("owner"), score, thisWeek, previousMean,
            Ratio.Of(thisWeek, previousMean), lastAt, open, new EngagedAccountCursor(score, id));
    }

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

    private async Task<Dictionary<string, (DateTime? LastAt, long Open)>> DetailsAsync(
        string[] ids, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        parameters.Add("ids", ids);
        var rows = await gateway.ListAsync(DetailSql, parameters, r => (
            Id: r.Get<string>("account_id"), LastAt: r.Get<DateTime?>("last_at"), Open: r.Get<long>("open")), cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.LastAt, r.Open));
    }
}
