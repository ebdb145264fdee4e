using System.Diagnostics.Metrics;

namespace Analytics.Ingestion.Writing;

/// <summary>Counters of what ingestion stored and refused, published as .NET metrics (and so on /metrics).</summary>
public sealed class IngestionMetrics : IDisposable
{
    /// <summary>The meter's name; exporters prefix it to each instrument (<c>analytics_ingestion_events_stored</c> on /metrics).</summary>
    public const string MeterName = "analytics.ingestion";

    private readonly Meter _meter = new(MeterName);

    public IngestionMetrics()
    {
        EventsStored = _meter.CreateCounter<long>("events_stored", description: "Events written to ClickHouse.");
        DuplicateEvents = _meter.CreateCounter<long>("duplicate_events", description: "Events dropped because their id was already stored.");
        RecordsStored = _meter.CreateCounter<long>("records_stored", description: "Accounts, contacts, opportunities, answers and other records written.");
        DeadLetters = _meter.CreateCounter<long>("dead_letters", description: "Rejected inputs kept in dead_letters.");
        WriteFailures = _meter.CreateCounter<long>("write_failures", description: "Failed attempts to store a batch (retried).");
    }

    public Counter<long> EventsStored { get; }

    public Counter<long> DuplicateEvents { get; }

    public Counter<long> RecordsStored { get; }

    public Counter<long> DeadLetters { get; }

    public Counter<long> WriteFailures { get; }

    /// <summary>Publishes the spool's pending bytes as a gauge read on each scrape.</summary>
    public void ObserveSpool(Func<long> pendingBytes) =>
        _meter.CreateObservableGauge("spool_pending_bytes", pendingBytes, description: "Spool bytes not yet stored in ClickHouse.");

    public void Dispose() => _meter.Dispose();
}
