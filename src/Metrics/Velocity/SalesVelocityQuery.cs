using Analytics.Metrics.Common;

namespace Analytics.Metrics.Velocity;

/// <summary>What sales figures may be grouped by: an account attribute, or the opportunity's type.</summary>
public enum SalesGroupBy
{
    Industry,
    Tier,
    Country,
    Owner,
    OpportunityType,
}

public sealed record SalesVelocityRequest(DateWindow Window, SalesGroupBy? GroupBy = null);

/// <summary>
/// Sales figures over a window (docs/design.md). <see cref="Open"/> counts opportunities open at the end of the window
/// (created before <c>to</c>, not closed before it). Every ratio is null when there is nothing to compute it from.
/// </summary>
public sealed record SalesFigures(
    long Won, long Lost, long Open, double? WinRate, double? AverageDealSize,
    double? AverageDaysToClose, double? MedianDaysToClose, double? VelocityPerDay)
{
    public static SalesFigures From(long won, long lost, long open, double? averageDeal, double? averageDays, double? medianDays)
    {
        var winRate = Ratio.Of(won, won + lost);
        var velocity = averageDeal is null || winRate is null ? null : Ratio.Of(open * averageDeal.Value * winRate.Value, averageDays);
        return new SalesFigures(won, lost, open, winRate, averageDeal, averageDays, medianDays, velocity);
    }
}

public sealed record SalesVelocityGroup(string? Key, SalesFigures Figures);

public sealed record SalesVelocityResult(SalesFigures Figures, IReadOnlyList<SalesVelocityGroup> Groups);

/// <summary>Win rate, average deal size, mean and median days to close, and pipeline velocity, overall and per group.</summary>
/// <remarks>
/// Query intuition: one pass over the current version of each opportunity (FINAL) that is either closed in the window
/// or open at its end, each tagged with its group key. Won and lost count closings in the window; deal size and days
/// to close come from the won ones. The median is exact: the middle of the sorted days, or the mean of the two middle
/// values. The overall figures are computed by the same SQL with a constant key, not summed from groups, because a
/// median does not add up.
/// </remarks>
public sealed class SalesVelocityQuery(IClickHouseGateway gateway)
{
    private const string Sql = """
        WITH
            opps AS (
                SELECT o.status AS status, o.amount AS amount, o.created_at AS created_at, o.closed_at AS closed_at, {key} AS key,
                    o.closed_at >= {from_time:DateTime64(3, 'UTC')} AND o.closed_at < {to_time:DateTime64(3, 'UTC')} AS closed_in_window,
                    o.status = 'won' AND closed_in_window AS won_in_window,
                    dateDiff('millisecond', o.created_at, o.closed_at) / 86400000.0 AS days_to_close
                FROM opportunities AS o FINAL
                LEFT JOIN (SELECT account_id, industry, tier, country, owner FROM accounts FINAL) AS a ON a.account_id = o.account_id
                WHERE (o.closed_at >= {from_time:DateTime64(3, 'UTC')} AND o.closed_at < {to_time:DateTime64(3, 'UTC')})
                   OR (o.created_at < {to_time:DateTime64(3, 'UTC')} AND (o.closed_at IS NULL OR o.closed_at >= {to_time:DateTime64(3, 'UTC')}))
            )
        SELECT
            key,
            countIf(won_in_window) AS won,
            countIf(status = 'lost' AND closed_in_window) AS lost,
            countIf(created_at < {to_time:DateTime64(3, 'UTC')} AND (closed_at IS NULL OR closed_at >= {to_time:DateTime64(3, 'UTC')})) AS open,
            avgOrNullIf(toFloat64(amount), won_in_window AND amount IS NOT NULL) AS average_deal,
            avgOrNullIf(days_to_close, won_in_window) AS average_days,
            arraySort(groupArrayIf(assumeNotNull(days_to_close), won_in_window)) AS days,
            length(days) AS n,
            if(n = 0, NULL, (days[intDiv(n + 1, 2)] + days[intDiv(n, 2) + 1]) / 2) AS median_days
        FROM opps
        GROUP BY key
        """;

    public async Task<SalesVelocityResult> RunAsync(SalesVelocityRequest request, CancellationToken cancellationToken)
    {
        var parameters = request.Window.ToParameters();
        var overall = await FiguresAsync(null, parameters, cancellationToken);
        var groups = request.GroupBy is { } groupBy
            ? (await FiguresAsync(groupBy, parameters, cancellationToken))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).ToList()
            : [];
        var figures = overall.Count == 0 ? SalesFigures.From(0, 0, 0, null, null, null) : overall[0].Figures;
        return new SalesVelocityResult(figures, groups);
    }

    private Task<List<SalesVelocityGroup>> FiguresAsync(SalesGroupBy? groupBy, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var key = groupBy switch
        {
            null => "CAST(NULL, 'Nullable(String)')",
            SalesGroupBy.OpportunityType => "o.type",
            _ => "a." + AccountGroups.Column(Enum.Parse<AccountAttribute>(groupBy.ToString()!)),
        };
        return gateway.ListAsync(Sql.Replace("{key}", key, StringComparison.Ordinal), parameters, row => new SalesVelocityGroup(
            row.Key("key"),
            SalesFigures.From(
                row.Get<long>("won"), row.Get<long>("lost"), row.Get<long>("open"),
                row.Get<double?>("average_deal"), row.Get<double?>("average_days"), row.Get<double?>("median_days"))), cancellationToken);
    }
}
