using System.Diagnostics.Metrics;

namespace Analytics.Ingestion.Writing;

/// <summary>Counters of what ingestion stored and refused, published as .NET metrics (and so on /metrics).</summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "Analytics.Ingestion";

    private readonly Meter _meter = new(MeterName);

    public IngestionMetrics()
    {
        EventsStored = _meter.CreateCounter<long>("analytics_ingestion_events_stored", description: "Events written to ClickHouse.");
        DuplicateEvents = _meter.CreateCounter<long>("analytics_ingestion_duplicate_events", description: "Events dropped because their id was already stored.");
        RecordsStored = _meter.CreateCounter<long>("analytics_ingestion_records_stored", description: "Accounts, contacts, opportunities, answers and other records written.");
        DeadLetters = _meter.CreateCounter<long>("analytics_ingestion_dead_letters", description: "Rejected inputs kept in dead_letters.");
        WriteFailures = _meter.CreateCounter<long>("analytics_ingestion_write_failures", description: "Failed attempts to store a batch (retried).");
    }

    public Counter<long> EventsStored { get; }

    public Counter<long> DuplicateEvents { get; }

    public Counter<long> RecordsStored { get; }

    public Counter<long> DeadLetters { get; }

    public Counter<long> WriteFailures { get; }

    /// <summary>Publishes the spool's pending bytes as a gauge read on each scrape.</summary>
    public void ObserveSpool(Func<long> pendingBytes) =>
        _meter.CreateObservableGauge("analytics_ingestion_spool_pending_bytes", pendingBytes, description: "Spool bytes not yet stored in ClickHouse.");

    public void Dispose() => _meter.Dispose();
}
