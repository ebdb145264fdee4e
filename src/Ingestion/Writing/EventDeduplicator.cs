using Analytics.Ingestion.Records;
using Analytics.Storage;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// Finds which events of a batch are not stored yet, by id, so client resends, writer retries and spool replays
/// store an event once. Ids are looked up by primary key in <c>event_ids</c>, which a materialized view of
/// <c>events</c> fills, whatever the event's timestamp (a resend without one gets a new one).
/// </summary>
public sealed class EventDeduplicator(IClickHouseGateway gateway)
{
    private const int IdsPerQuery = 10_000;

    public async Task<List<EngagementEvent>> NewEventsAsync(IReadOnlyList<EngagementEvent> events, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in events.Chunk(IdsPerQuery))
        {
            const string sql = "SELECT DISTINCT event_id FROM event_ids WHERE event_id IN {ids:Array(String)}";
            var parameters = new QueryParameters().Add("ids", chunk.Select(e => e.EventId).Distinct().ToArray());
            await foreach (var row in gateway.QueryAsync(sql, parameters, cancellationToken))
            {
                stored.Add(row.Get<string>(0));
            }
        }

        return events.Where(e => !stored.Contains(e.EventId)).ToList();
    }
}
