using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Analytics.Api.Apis;

public static class HealthApi
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 once storage answers and the schema is current, else 503, with each check's reason.
    /// <c>GET /metrics</c>: Prometheus text format (HTTP request counts and durations, .NET runtime, process).
    /// </summary>
    public static WebApplication MapHealthApi(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteReport }).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();

        // TRICKY: prometheus-net starts listening to .NET meters (the ingestion counters among them) only at its first
        // collection, so counts made before the first scrape would be lost; collect once now to start listening.
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();
        return app;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }
}
