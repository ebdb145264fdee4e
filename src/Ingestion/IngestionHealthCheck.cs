using Analytics.Ingestion.Spool;
using Analytics.Ingestion.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.Ingestion;

/// <summary>Degraded while the spool writer fails to store (ingestion still accepts into the spool), with the reason and the backlog.</summary>
public sealed class IngestionHealthCheck(WriterStatus status, DurableSpool spool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (_, failure, failures) = status.Snapshot;
        var backlog = spool.PendingBytes;
        return Task.FromResult(failures == 0
            ? HealthCheckResult.Healthy($"spool backlog {backlog:N0} bytes")
            : HealthCheckResult.Degraded($"storing spooled entries failed {failures} times in a row ({failure}); backlog {backlog:N0} bytes, still accepting"));
    }
}
