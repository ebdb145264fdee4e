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

        // Entries flushed but not committed at start-up are a replay after an unclean stop: see RollupRepair.
        var replayEnd = spool.DurableEnd;
        while (!stoppingToken.IsCancellationRequested)
        {
            var position = spool.Checkpoint;
            await spool.WaitForDataAsync(position, stoppingToken);
            var entries = spool.Read(position, settings.WriterBatchRecords);
            if (entries.Count < settings.WriterBatchRecords)
            {
                // Let a batch fill a little: fewer, larger inserts are what ClickHouse likes.
                await Task.Delay(TimeSpan.FromMilliseconds(settings.WriterBatchDelayMs), clock, stoppingToken);
                entries = spool.Read(position, settings.WriterBatchRecords);
            }

            var batch = entries.Select(e => e.Entry).ToList();
            var replay = position < replayEnd;
            await StoreWithRetryAsync(batch, replay, settings, stoppingToken);
            if (replay)
            {
                var months = batch.Select(e => e.Record).OfType<Records.EngagementEvent>()
                    .Select(e => (uint)((e.Timestamp.Year * 100) + e.Timestamp.Month)).ToHashSet();
                LogRepairingRollups(logger, months.Count);
                await rollups.RebuildAsync(months, stoppingToken);
            }

            spool.Commit(entries[^1].Next);
        }
    }

    private async Task StoreWithRetryAsync(List<SpoolEntry> batch, bool replay, IngestionOptions settings, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var failuresWhileReachable = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (failuresWhileReachable >= FailuresBeforeIsolating)
                {
                    await StoreOneByOneAsync(batch, replay, stoppingToken);
                }
                else
                {
                    var started = clock.GetTimestamp();
                    Record(await processor.ProcessAsync(batch, stoppingToken, replay));
                    LogStored(logger, batch.Count, clock.GetElapsedTime(started).TotalMilliseconds);
                }

                status.Stored(clock.GetUtcNow());
                return;
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
    private async Task StoreOneByOneAsync(List<SpoolEntry> batch, bool replay, CancellationToken stoppingToken)
    {
        foreach (var entry in batch)
        {
            try
            {
                Record(await processor.ProcessAsync([entry], stoppingToken, replay));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or Storage.ClickHouseException { Code: > 0 })
            {
                var letter = new DeadLetter("spool", $"could not be stored: {e.Message}", System.Text.Encoding.UTF8.GetString(SpoolSerializer.Serialize(entry)));
                Record(await processor.ProcessAsync([entry with { Record = null, DeadLetter = letter }], stoppingToken));
                LogEntryDeadLettered(logger, e);
            }
        }
    }

    private void Record(BatchProcessor.Outcome outcome)
    {
        metrics.EventsStored.Add(outcome.Events);
        metrics.DuplicateEvents.Add(outcome.DuplicateEvents);
        metrics.RecordsStored.Add(outcome.Records);
        metrics.DeadLetters.Add(outcome.DeadLetters);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} spooled entries failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying spooled entries after an unclean stop; rebuilding the rollups of {Months} months they touch")]
    private static partial void LogRepairingRollups(ILogger logger, int months);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Count} spooled entries in {Milliseconds:F0} ms")]
    private static partial void LogStored(ILogger logger, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A spooled entry could not be stored and was kept as a dead letter")]
    private static partial void LogEntryDeadLettered(ILogger logger, Exception exception);
}
