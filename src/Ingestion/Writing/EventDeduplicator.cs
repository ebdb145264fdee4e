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
    /// <summary>
    /// Ids per lookup are capped by their total length: the server backend sends them as a URL parameter, and
    /// ClickHouse refuses URLs over <c>http_max_uri_size</c> (1 MiB by default) with HTTP 414. 64 KiB of ids stays far
    /// below it even when every character is percent-encoded.
    /// </summary>
    private const int IdCharactersPerQuery = 64 * 1024;

    /// <param name="events">The batch's events.</param>
    /// <param name="replay">
    /// True for entries replayed after an unclean stop: then <c>events</c> itself is asked (through its bloom-filter
    /// index), since the stop may have fallen between an insert into <c>events</c> and the view's insert into
    /// <c>event_ids</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<List<EngagementEvent>> NewEventsAsync(IReadOnlyList<EngagementEvent> events, bool replay, CancellationToken cancellationToken)
    {
        var stored = await StoredIdsAsync(events.Select(e => e.EventId), replay, cancellationToken);
        return events.Where(e => !stored.Contains(e.EventId)).ToList();
    }

    /// <summary>The ids among <paramref name="ids"/> that are stored already (see <see cref="NewEventsAsync"/> for <paramref name="replay"/>).</summary>
    public async Task<HashSet<string>> StoredIdsAsync(IEnumerable<string> ids, bool replay, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var table = replay ? "events" : "event_ids";
        foreach (var chunk in ChunksOf(ids.Distinct(StringComparer.Ordinal)))
        {
            var sql = $"SELECT DISTINCT event_id FROM {table} WHERE event_id IN {{ids:Array(String)}}";
            var parameters = new QueryParameters().Add("ids", chunk.ToArray());
            await foreach (var row in gateway.QueryAsync(sql, parameters, cancellationToken))
            {
                stored.Add(row.Get<string>(0));
            }
        }

        return stored;
    }

    private static IEnumerable<List<string>> ChunksOf(IEnumerable<string> ids)
    {
        var chunk = new List<string>();
        var characters = 0;
        foreach (var id in ids)
        {
            if (chunk.Count > 0 && characters + id.Length > IdCharactersPerQuery)
            {
                yield return chunk;
                chunk = [];
                characters = 0;
            }

            chunk.Add(id);
            characters += id.Length;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
