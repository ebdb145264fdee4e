using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.Storage;

/// <summary>Healthy when the engine answers a query and every schema migration is applied.</summary>
public sealed class StorageHealthCheck(StorageRuntime runtime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!runtime.IsReady)
        {
            return HealthCheckResult.Unhealthy("storage is starting");
        }

        try
        {
            var pending = await runtime.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{runtime.Gateway.Backend} engine answers; schema current")
                : HealthCheckResult.Unhealthy($"schema migrations pending: {string.Join(", ", pending)}");
        }
        catch (Exception e) when (e is ClickHouseException or HttpRequestException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"storage does not answer: {e.Message}", e);
        }
    }
}
