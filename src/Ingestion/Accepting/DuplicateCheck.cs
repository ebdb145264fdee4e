using Analytics.Ingestion.Records;
using Analytics.Ingestion.Writing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// Tells a request how many of its events are duplicates: their id is stored already, or came earlier in the same
/// request. Only a figure for the answer: the writer drops duplicates by id whatever this says (exactly-once does not
/// rest on it), so when storage cannot be asked in time the events are accepted all the same and the figure is unknown.
/// </summary>
public sealed partial class DuplicateCheck(EventDeduplicator deduplicator, WriterStatus writer, ILogger<DuplicateCheck> logger)
{
    /// <summary>
    /// How long the lookup may hold the answer. While ClickHouse is down ingestion must keep acknowledging into the
    /// spool; a lookup waiting on retries would hold every answer for them.
    /// </summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The duplicates among a chunk's events, or null when the request's figure is already unknown or the lookup failed.
    /// TRICKY: call it before the chunk is spooled, or the writer may store the chunk first and its events would count
    /// as duplicates of themselves.
    /// </summary>
    public async Task<int?> CountAsync(IReadOnlyList<ParsedInput> inputs, IntakeTally tally, CancellationToken cancellationToken)
    {
        var repeats = 0;
        var firsts = new List<string>();
        foreach (var e in inputs.Select(i => i.Record).OfType<EngagementEvent>())
        {
            if (tally.SeenBefore(e.EventId))
            {
                repeats++;
            }
            else
            {
                firsts.Add(e.EventId);
            }
        }

        // While the writer cannot store, storage is not asked at all: each answer would wait out the timeout.
        if (tally.Duplicates is null || writer.Snapshot.ConsecutiveFailures > 0)
        {
            return null;
        }

        if (firsts.Count == 0)
        {
            return repeats;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            var stored = await deduplicator.StoredIdsAsync(firsts, replay: false, timeout.Token);
            return repeats + firsts.Count(stored.Contains);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(logger, e, firsts.Count);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell which of {Count} accepted events were stored already; the answer gives duplicates as null")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, int count);
}
