using Analytics.Metrics.Common;
using Analytics.Storage;

namespace Analytics.Reports.FollowUps;

/// <summary>
/// How well the loop is closed over the follow-ups of answers given in a window: how many detractors, how many were
/// contacted (reached CONTACTED or RESOLVED), how many within 48 hours of their answer, how many resolved, and the
/// median hours from answer to first contact (the mean of the two middle values for an even count; null when none).
/// </summary>
public sealed record ClosedLoop(int Detractors, int Contacted, int ContactedWithin48Hours, int Resolved, double? MedianHoursToContact)
{
    /// <summary>The share of detractors contacted within 48 hours, 0 to 1; null without detractors.</summary>
    public double? ContactedWithin48HoursShare => Ratio.Of(ContactedWithin48Hours, Detractors);
}

/// <summary>The closed-loop figures (<see cref="ClosedLoop"/>) of a window.</summary>
/// <remarks>
/// Query intuition: each follow-up's state (<see cref="FollowUpSql.State"/>) for answers in the window, counted; the
/// hours to first contact are sorted and their median taken as docs/design.md defines it (the middle one, or the mean of the
/// two middle ones).
/// </remarks>
public sealed class ClosedLoopQuery(IClickHouseGateway gateway)
{
    private const int WithinHours = 48;

    public async Task<ClosedLoop> RunAsync(DateWindow window, CancellationToken cancellationToken)
    {
        var rows = await gateway.ListAsync($"""
            SELECT
                count() AS detractors,
                countIf(contacted_at IS NOT NULL) AS contacted,
                countIf(contacted_at IS NOT NULL AND contacted_at <= responded_at + INTERVAL {WithinHours} HOUR) AS within,
                countIf(status = 'RESOLVED') AS resolved,
                arraySort(groupArrayIf(dateDiff('millisecond', responded_at, assumeNotNull(contacted_at)) / 3600000.0, contacted_at IS NOT NULL)) AS hours,
                length(hours) AS n,
                if(n = 0, NULL, (hours[intDiv(n + 1, 2)] + hours[intDiv(n, 2) + 1]) / 2) AS median_hours
            FROM ({FollowUpSql.State})
            WHERE responded_at >= {"{from_time:DateTime64(3, 'UTC')}"} AND responded_at < {"{to_time:DateTime64(3, 'UTC')}"}
            {FollowUpSql.Settings}
            """,
            new QueryParameters().Add("from_time", window.FromTime).Add("to_time", window.ToTime),
            r => new ClosedLoop(
                (int)r.Get<ulong>("detractors"), (int)r.Get<ulong>("contacted"), (int)r.Get<ulong>("within"), (int)r.Get<ulong>("resolved"),
                r.Get<double?>("median_hours")),
            cancellationToken);
        return rows.Single();
    }
}
