using Analytics.Ingestion.Schema;
using Analytics.Metrics.Schema;
using Analytics.Reports.Schema;
using Analytics.Storage.Schema;

namespace Analytics.Api.Hosting;

/// <summary>The modules whose tables make the server's schema; storage applies their migrations at start-up.</summary>
public static class ApplicationSchema
{
    public static SchemaCatalog Catalog { get; } = new(IngestionSchema.Module, MetricsSchema.Module, ReportsSchema.Module);
}
