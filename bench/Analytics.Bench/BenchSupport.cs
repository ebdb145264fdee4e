extern alias api;

using api::Analytics.Api.Hosting;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;
using Analytics.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Bench;

/// <summary>What every benchmark needs: an embedded engine with the real schema, and percentiles of timings.</summary>
internal static class BenchSupport
{
    /// <summary>Opens the embedded engine on <paramref name="folder"/> with <paramref name="database"/> migrated, as the server would.</summary>
    public static async Task<EmbeddedGateway> OpenMigratedAsync(string folder, string database)
    {
        var gateway = await EmbeddedGateway.OpenAsync(GatewayFactory.FindLibrary(null), folder, database);
        await new Migrator(gateway, new SchemaDialect(database, null), NullLogger<Migrator>.Instance)
            .MigrateAsync(ApplicationSchema.Catalog.Migrations, TimeProvider.System, CancellationToken.None);
        return gateway;
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of already sorted values.</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
