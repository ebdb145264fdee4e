using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

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
/// Query intuition: each target account's points per day of the window come from the daily activity rollup; a running
/// sum finds the day on which they reach the threshold, and only that day's raw events of the account are read to find
/// the moment (engagedAt) within it. The cohort's opportunities created from day(engagedAt) for the conversion window
/// give OPPORTUNITY and WON and the days between stages. Rows come back per (group key, cohort period) with the days as
/// arrays, so that every total, group and trend point has its exact mean and median.
/// </remarks>
public sealed class CohortFunnelQuery(IClickHouseGateway gateway, ScoringModelStore models)
{
    private const string Sql = FunnelAccounts.Targets + """
            , keyed AS ({keyed}),
            daily AS (
                SELECT account_id, bucket AS day, sum(points) AS points
                FROM ({window_points})
                WHERE account_id IN (SELECT account_id FROM targets)
                GROUP BY account_id, day
            ),
            -- The day the running sum of an account's points reaches the threshold, and its points before that day.
            crossing AS (
                SELECT account_id, day, running - points AS before
                FROM (
                    SELECT account_id, day, points,
                        sum(points) OVER (PARTITION BY account_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
                    FROM daily
                )
                WHERE running >= {threshold:Float64} AND running - points < {threshold:Float64}
            ),
            -- The moment within that day: the first event at which the running sum reaches the threshold. TRICKY: the
            -- rollup and the events are summed in different orders; a sum a rounding short falls back to the day's last event.
            engaged AS (
                SELECT account_id, minIf(timestamp, reached) AS first_reached, max(timestamp) AS last_event,
                    if(countIf(reached) > 0, first_reached, last_event) AS engaged_at
                FROM (
                    SELECT e.account_id AS account_id, e.timestamp AS timestamp,
                        c.before + sum({event_points}) OVER (PARTITION BY e.account_id ORDER BY e.timestamp, e.event_id
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) >= {threshold:Float64} - 1e-9 AS reached
                    FROM (
                        SELECT account_id, timestamp, event_id, channel, type, url FROM events FINAL
                        WHERE account_id IN (SELECT account_id FROM crossing)
                          AND timestamp >= {from_time:DateTime64(3, 'UTC')} AND timestamp < {to_time:DateTime64(3, 'UTC')}
                    ) AS e
                    INNER JOIN crossing AS c ON c.account_id = e.account_id AND c.day = toDate(e.timestamp)
                )
                GROUP BY account_id
            ),
            -- The cohort's opportunities created on a day in [day(engagedAt), day(engagedAt) + window).
            converted AS (
                SELECT account_id,
                    greatest(0., dateDiff('millisecond', any(engaged_at), min(created_at)) / 86400000) AS days_to_opportunity,
                    countIf(won) > 0 AS has_won,
                    -- The won opportunity that closed first: days from its creation to its close.
                    argMinIf(dateDiff('millisecond', created_at, assumeNotNull(closed_at)) / 86400000, closed_at, won) AS days_to_won
                FROM (
                    SELECT g.account_id AS account_id, g.engaged_at AS engaged_at, o.created_at AS created_at, o.closed_at AS closed_at,
                        toDateTime64(toDate(g.engaged_at), 3, 'UTC') + toIntervalDay({conversion_days:UInt32}) AS window_end,
                        o.status = 'won' AND o.closed_at IS NOT NULL AND o.closed_at < window_end AS won
                    FROM engaged AS g
                    INNER JOIN (
                        SELECT account_id, created_at, closed_at, status FROM opportunities FINAL
                        WHERE account_id IN (SELECT account_id FROM engaged)
                    ) AS o ON o.account_id = g.account_id
                    WHERE o.created_at >= toDateTime64(toDate(g.engaged_at), 3, 'UTC') AND o.created_at < window_end
                )
                GROUP BY account_id
            )
        SELECT k.key AS key, if(g.account_id = '', NULL, {period}) AS period,
            count() AS target, countIf(g.account_id != '') AS engaged,
            countIf(c.account_id != '') AS opportunity, countIf(c.has_won) AS won,
            groupArrayIf(c.days_to_opportunity, c.account_id != '') AS opportunity_days,
            groupArrayIf(c.days_to_won, c.has_won) AS won_days
        FROM keyed AS k
        LEFT JOIN engaged AS g ON g.account_id = k.account_id
        LEFT JOIN converted AS c ON c.account_id = k.account_id
        GROUP BY key, period
        """;

    public async Task<FunnelResult> RunAsync(CohortFunnelRequest request, CancellationToken cancellationToken)
    {
        request = request.Validated();
        await TargetLists.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var model = await models.PricedAsync(cancellationToken);
        var window = request.Window;
        var parameters = window.ToParameters()
            .AddModel(model)
            .AddWindow("cohort", WindowCover.Of(window.From, window.To, weeks: false, months: false))
            .AddTargets(window, request.TargetList)
            .Add("conversion_days", (uint)request.ConversionWindowDays);
        var sql = Sql
            .Replace("{keyed}", FunnelAccounts.Keyed(request.Interval is null ? request.GroupBy : null), StringComparison.Ordinal)
            .Replace("{window_points}", WindowPoints.Sql("cohort", WindowCover.Of(window.From, window.To, weeks: false, months: false)), StringComparison.Ordinal)
            .Replace("{event_points}", ScoringFormula.Points(ScoringFormula.Parameters, "1", ScoringFormula.RuleOfEvent, "if(channel = 'web', path(url), '')"), StringComparison.Ordinal)
            .Replace("{period}", request.Interval is { } interval ? Periods.StartSql(interval, "g.engaged_at") : "toDate({from:Date})", StringComparison.Ordinal);
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
