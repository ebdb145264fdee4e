using Analytics.Ingestion.Spool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Moves accepted entries from the spool into ClickHouse: reads from the checkpoint, batches by size or time, stores
/// the batch, and only then advances the checkpoint. When ClickHouse fails it retries the same batch with exponential
/// backoff while ingestion keeps accepting into the spool. At start-up it simply resumes from the checkpoint, which
/// replays whatever a crash left unstored (storing is idempotent).
/// </summary>
public sealed partial class SpoolWriter(
    DurableSpool spool,
    BatchProcessor processor,
    RollupRepair rollups,
    IngestionMetrics metrics,
    WriterStatus status,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<SpoolWriter> logger) : BackgroundService
{
    /// <summary>
    /// After this many failures of one batch while the engine answers, entries are tried one by one so a single bad one
    /// cannot block the rest. While the engine does not answer, the batch is simply retried.
    /// </summary>
    private const int FailuresBeforeIsolating = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Only the batch a crash interrupted may be half stored (see RollupRepair); it is replayed with care, on its own.
        // The rest of a backlog was never touched and is stored as in normal running.
        var replayEnd = spool.ReplayEnd;
        if (spool.Checkpoint < spool.OpenedEnd)
        {
            LogRecovering(logger, spool.OpenedBacklog, spool.PendingBytes, spool.Checkpoint < replayEnd);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var position = spool.Checkpoint;
            await spool.WaitForDataAsync(position, stoppingToken);
            var replay = position < replayEnd;
            var entries = Read(position, settings.WriterBatchRecords, replay ? replayEnd : null);
            if (!replay && entries.Count < settings.WriterBatchRecords)
            {
                // Let a batch fill a little: fewer, larger inserts are what ClickHouse likes.
                await Task.Delay(TimeSpan.FromMilliseconds(settings.WriterBatchDelayMs), clock, stoppingToken);
                entries = Read(position, settings.WriterBatchRecords, null);
            }

            var batch = entries.Select(e => e.Entry).ToList();
            var end = entries[^1].Next;
            spool.BeginBatch(end);
            var months = await StoreWithRetryAsync(batch, replay, settings, stoppingToken);
            if (replay)
            {
                months.UnionWith(batch.Select(e => e.Record).OfType<Records.EngagementEvent>().Select(e => RollupRepair.MonthOf(e.Timestamp)));
                LogRepairingRollups(logger, batch.Count, months.Count);
                await rollups.RebuildAsync(months, stoppingToken);
            }

            spool.Commit(end);
            status.Committed(batch.Count);
        }
    }

    /// <summary>Up to <paramref name="max"/> entries from <paramref name="position"/>, none past <paramref name="until"/> when given.</summary>
    private List<(SpoolEntry Entry, SpoolPosition Next)> Read(SpoolPosition position, int max, SpoolPosition? until)
    {
        var entries = spool.Read(position, max);
        var cut = until is { } end ? entries.FindIndex(e => e.Next > end) : -1;
        return cut > 0 ? entries[..cut] : entries;
    }

    /// <summary>Stores a batch, retrying until it is stored; returns the months of the events it re-attributed.</summary>
    private async Task<HashSet<uint>> StoreWithRetryAsync(List<SpoolEntry> batch, bool replay, IngestionOptions settings, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var failuresWhileReachable = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var months = new HashSet<uint>();
                if (failuresWhileReachable >= FailuresBeforeIsolating)
                {
                    await StoreOneByOneAsync(batch, replay, months, stoppingToken);
                }
                else
                {
                    var started = clock.GetTimestamp();
                    months.UnionWith(Record(await processor.ProcessAsync(batch, stoppingToken, replay)));
                    LogStored(logger, batch.Count, clock.GetElapsedTime(started).TotalMilliseconds);
                }

                status.Stored(clock.GetUtcNow());
                return months;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                metrics.WriteFailures.Add(1);
                status.Failed(e.Message);
                failuresWhileReachable = await processor.StorageAnswersAsync(stoppingToken) ? failuresWhileReachable + 1 : 0;
                LogStoreFailed(logger, e, batch.Count, attempt, delay);
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(settings.WriterMaxBackoffSeconds).Ticks));
            }
        }
    }

    /// <summary>
    /// Stores entries one at a time. One that still fails while the engine answers is kept as a dead letter with the
    /// reason, so nothing is lost and the rest go through; if the engine does not answer, the failure propagates and
    /// the whole batch is retried later.
    /// </summary>
    private async Task StoreOneByOneAsync(List<SpoolEntry> batch, bool replay, HashSet<uint> months, CancellationToken stoppingToken)
    {
        foreach (var entry in batch)
        {
            try
            {
                months.UnionWith(Record(await processor.ProcessAsync([entry], stoppingToken, replay)));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or Storage.ClickHouseException { Code: > 0 })
            {
                var letter = new DeadLetter("spool", $"could not be stored: {e.Message}", System.Text.Encoding.UTF8.GetString(SpoolSerializer.Serialize(entry)));
                Record(await processor.ProcessAsync([entry with { Record = null, DeadLetter = letter }], stoppingToken));
                LogEntryDeadLettered(logger, e);
            }
        }
    }

    private IReadOnlyCollection<uint> Record(BatchProcessor.Outcome outcome)
    {
        metrics.EventsStored.Add(outcome.Events);
        metrics.DuplicateEvents.Add(outcome.DuplicateEvents);
        metrics.RecordsStored.Add(outcome.Records);
        metrics.DeadLetters.Add(outcome.DeadLetters);
        return outcome.ReattributedMonths;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} spooled entries failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovering: {Entries} spooled entries ({Bytes} bytes) were not stored at start-up; the batch a crash interrupted is among them: {Interrupted}")]
    private static partial void LogRecovering(ILogger logger, long entries, long bytes, bool interrupted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed the {Count} spooled entries an unclean stop interrupted; rebuilding the rollups of the {Months} months they touch")]
    private static partial void LogRepairingRollups(ILogger logger, int count, int months);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} spooled entries in {Milliseconds:F0} ms")]
    private static partial void LogStored(ILogger logger, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A spooled entry could not be stored and was kept as a dead letter")]
    private static partial void LogEntryDeadLettered(ILogger logger, Exception exception);
}
