using Analytics.Ingestion.Records;
using Analytics.Storage;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Finds which events of a batch are not stored yet, by id, so client resends, writer retries and spool replays
/// store an event once. The lookup is narrowed to the batch's time range (partition pruning) and uses the bloom-filter
/// index on <c>event_id</c>.
/// </summary>
public sealed class EventDeduplicator(IClickHouseGateway gateway)
{
    private const int IdsPerQuery = 10_000;

    public async Task<List<EngagementEvent>> NewEventsAsync(IReadOnlyList<EngagementEvent> events, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in events.Chunk(IdsPerQuery))
        {
            const string sql = """
                SELECT DISTINCT event_id FROM events
                WHERE timestamp BETWEEN {from:DateTime64(3, 'UTC')} AND {to:DateTime64(3, 'UTC')}
                  AND event_id IN {ids:Array(String)}
                """;
            var parameters = new QueryParameters()
                .Add("from", chunk.Min(e => e.Timestamp))
                .Add("to", chunk.Max(e => e.Timestamp))
                .Add("ids", chunk.Select(e => e.EventId).Distinct().ToArray());
            await foreach (var row in gateway.QueryAsync(sql, parameters, cancellationToken))
            {
                stored.Add(row.Get<string>(0));
            }
        }

        return events.Where(e => !stored.Contains(e.EventId)).ToList();
    }
}
