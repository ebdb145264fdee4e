using Analytics.Ingestion.Spool;
using Analytics.Ingestion.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.Ingestion;

/// <summary>
/// Degraded while the spool writer fails to store, and while it stores the backlog a restart found (after a crash, or a
/// stop while storage was away): ingestion still accepts into the spool, but what it accepted is not all queryable yet.
/// The description gives the reason and the backlog.
/// </summary>
public sealed class IngestionHealthCheck(WriterStatus status, DurableSpool spool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (_, failure, failures) = status.Snapshot;
        var backlog = spool.PendingBytes;
        var problems = new List<string>();
        if (spool.Checkpoint < spool.OpenedEnd)
        {
            var left = Math.Max(0, spool.OpenedBacklog - status.EntriesCommitted);
            problems.Add($"recovering: {left:N0} of the {spool.OpenedBacklog:N0} spooled entries found not stored at start-up still to store");
        }

        if (failures > 0)
        {
            problems.Add($"storing spooled entries failed {failures} times in a row ({failure})");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"spool backlog {backlog:N0} bytes")
            : HealthCheckResult.Degraded($"{string.Join("; ", problems)}; spool backlog {backlog:N0} bytes, still accepting"));
    }
}
