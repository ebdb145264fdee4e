using Analytics.Metrics.Common;
using Analytics.Metrics.Journey;

namespace Analytics.Metrics.Funnel;

/// <summary>
/// A cohort funnel: the target accounts that became engaged in <paramref name="Window"/>, followed for
/// <paramref name="ConversionWindowDays"/> days through opportunity and won. <paramref name="Interval"/> gives a trend of
/// cohorts by the period in which they became engaged; a trend is never grouped.
/// </summary>
public sealed record CohortFunnelRequest(
    DateWindow Window, string? TargetList = null, FunnelGroupBy? GroupBy = null, Interval? Interval = null, int ConversionWindowDays = CohortFunnelRequest.DefaultConversionWindowDays)
{
    public const int DefaultConversionWindowDays = 90;

    /// <summary>The longest conversion window, in days (ten years).</summary>
    public const int MaxConversionWindowDays = 3650;

    public CohortFunnelRequest Validated() => ConversionWindowDays is < 1 or > MaxConversionWindowDays
        ? throw new MetricArgumentException($"conversionWindowDays must be between 1 and {MaxConversionWindowDays}; it was {ConversionWindowDays}.")
        : this;
}

/// <summary>The cohort funnel (docs/journey.md): TARGET → ENGAGED (the cohort) → OPPORTUNITY → WON, with the days between stages.</summary>
/// <remarks>
/// Query intuition: the moment each account becomes engaged counting from any day is kept by the journey's index
/// (<see cref="CohortStarts"/>), so the window's cohort is one row per account read from it, no event and no
/// account-day. The cohort's opportunities created from day(engagedAt) for the conversion window give OPPORTUNITY and
/// WON and the days between stages. Rows come back per (group key, cohort period) with the days as arrays, so that
/// every total, group and trend point has its exact mean and median.
/// </remarks>
public sealed class CohortFunnelQuery(IClickHouseGateway gateway, JourneyIndex index)
{
    private const string Sql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            -- The moment each account became engaged counting from the window's start, if before its end.
            engaged AS (
                SELECT account_id, engaged_at FROM ({engaged_from})
                WHERE engaged_at < {to_time:DateTime64(3, 'UTC')}
            ),
            -- Each cohort account with its opportunities created on a day in [day(engagedAt), day(engagedAt) + window),
            -- in one pass (the engine would compute `engaged` again for every place that names it).
            cohort AS (
                SELECT account_id, min(engaged_at) AS engaged_moment,
                    countIf(converts) > 0 AS converted,
                    greatest(0., dateDiff('millisecond', min(engaged_at), minIf(created_at, converts)) / 86400000) AS days_to_opportunity,
                    countIf(won) > 0 AS has_won,
                    -- The won opportunity that closed first: days from its creation to its close.
                    argMinIf(dateDiff('millisecond', created_at, assumeNotNull(closed_at)) / 86400000, closed_at, won) AS days_to_won
                FROM (
                    SELECT g.account_id AS account_id, g.engaged_at AS engaged_at, o.created_at AS created_at, o.closed_at AS closed_at,
                        toDateTime64(toDate(g.engaged_at), 3, 'UTC') + toIntervalDay({conversion_days:UInt32}) AS window_end,
                        o.account_id != '' AND o.created_at >= toDateTime64(toDate(g.engaged_at), 3, 'UTC') AND o.created_at < window_end AS converts,
                        converts AND o.status = 'won' AND o.closed_at IS NOT NULL AND o.closed_at < window_end AS won
                    FROM engaged AS g
                    LEFT JOIN (SELECT account_id, created_at, closed_at, status FROM opportunities FINAL) AS o ON o.account_id = g.account_id
                )
                GROUP BY account_id
            )
        SELECT k.key AS key, if(c.account_id = '', NULL, {period}) AS period,
            count() AS target, countIf(c.account_id != '') AS engaged,
            countIf(c.converted) AS opportunity, countIf(c.has_won) AS won,
            groupArrayIf(c.days_to_opportunity, c.converted) AS opportunity_days,
            groupArrayIf(c.days_to_won, c.has_won) AS won_days
        FROM keyed AS k
        LEFT JOIN cohort AS c ON c.account_id = k.account_id
        GROUP BY key, period
        """;

    public async Task<FunnelResult> RunAsync(CohortFunnelRequest request, CancellationToken cancellationToken)
    {
        request = request.Validated();
        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        await index.EnsureCurrentAsync(cancellationToken);
        var window = request.Window;
        var parameters = window.ToParameters()
            .AddTargets(window, request.TargetList)
            .Add("from_day", window.FromDaySince1970)
            .Add("conversion_days", (uint)request.ConversionWindowDays);
        var sql = Sql
            .Replace("{keyed}", FunnelAccounts.Keyed(request.Interval is null ? request.GroupBy : null), StringComparison.Ordinal)
            // Every account's moment: the join with the targets keeps theirs (filtering by them first cost a third more).
            .Replace("{engaged_from}", CohortStarts.EngagedFrom(), StringComparison.Ordinal)
            .Replace("{period}", request.Interval is { } interval ? Periods.StartSql(interval, "c.engaged_moment") : "toDate({from:Date})", StringComparison.Ordinal);
        var rows = await gateway.ListAsync(sql, parameters, r => new CohortRow(
            r.Key("key"),
            r.Get<DateOnly?>("period"),
            new FunnelCounts(r.Get<long>("target"), r.Get<long>("engaged"), r.Get<long>("opportunity"), r.Get<long>("won")),
            r.Get<double[]>("opportunity_days"),
            r.Get<double[]>("won_days")), cancellationToken);
        return Assemble(rows, request);
    }

    private static FunnelResult Assemble(List<CohortRow> rows, CohortFunnelRequest request)
    {
        var total = CohortRow.Sum(rows);
        if (request.Interval is { } interval)
        {
            var byPeriod = rows.Where(r => r.Period is not null).GroupBy(r => r.Period!.Value).ToDictionary(g => g.Key, g => CohortRow.Sum(g));
            return new FunnelResult(
                total.Stages(),
                [],
                Periods.Covering(request.Window, interval)
                    .Select(start => new FunnelPoint(start, (byPeriod.GetValueOrDefault(start) ?? CohortRow.Empty).WithTarget(total.Counts.Target).Stages()))
                    .ToList());
        }

        var groups = request.GroupBy is null
            ? []
            : rows.GroupBy(r => r.Key)
                .Select(g => new FunnelGroup(g.Key, CohortRow.Sum(g).Stages()))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
        return new FunnelResult(total.Stages(), groups, []);
    }

    private sealed record CohortRow(string? Key, DateOnly? Period, FunnelCounts Counts, double[] OpportunityDays, double[] WonDays)
    {
        public static readonly CohortRow Empty = new(null, null, default, [], []);

        public static CohortRow Sum(IEnumerable<CohortRow> rows) => rows.Aggregate(Empty, (sum, r) => new CohortRow(
            null, null, sum.Counts.Plus(r.Counts), [.. sum.OpportunityDays, .. r.OpportunityDays], [.. sum.WonDays, .. r.WonDays]));

        public CohortRow WithTarget(long target) => this with { Counts = Counts with { Target = target } };

        public IReadOnlyList<FunnelStage> Stages() => Counts.ToStages().Select(stage => stage.Name switch
        {
            "OPPORTUNITY" => stage with { AverageDaysFromPrevious = Mean(OpportunityDays), MedianDaysFromPrevious = Median(OpportunityDays) },
            "WON" => stage with { AverageDaysFromPrevious = Mean(WonDays), MedianDaysFromPrevious = Median(WonDays) },
            _ => stage,
        }).ToList();

        private static double? Mean(double[] days) => days.Length == 0 ? null : days.Average();

        // The middle of the sorted days, or the mean of the two middle ones (docs/journey.md).
        private static double? Median(double[] days)
        {
            if (days.Length == 0)
            {
                return null;
            }

            var sorted = days.Order().ToArray();
            return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
