using System.Text;
using Analytics.Api.GraphQL;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>
/// The documents clients registered for automatic persisted queries, by their SHA-256, in this process's memory: at most
/// <see cref="GraphQLOptions.PersistedQueriesMaxBytes"/> of query text, the least recently used forgotten first. A
/// forgotten or never-seen hash costs a client one round trip (PersistedQueryNotFound, then the query again), so losing
/// entries, on a restart or on another server node, is harmless.
/// </summary>
public sealed class PersistedQueryStore(IOptions<GraphQLOptions> options)
{
    private readonly Dictionary<string, LinkedListNode<(string Hash, string Query, long Bytes)>> _byHash = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, string Query, long Bytes)> _byUse = new(); // most recently used first
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>How many documents are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byHash.Count;
            }
        }
    }

    /// <summary>The document registered under <paramref name="hash"/> (lower-case hex), if it is still kept.</summary>
    public string? Find(string hash)
    {
        lock (_gate)
        {
            if (!_byHash.TryGetValue(hash, out var node))
            {
                return null;
            }

            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value.Query;
        }
    }

    /// <summary>Keeps <paramref name="query"/> under its <paramref name="hash"/>, forgetting the least recently used beyond the size cap.</summary>
    public void Add(string hash, string query)
    {
        var bytes = (long)Encoding.UTF8.GetByteCount(query);
        var cap = options.Value.PersistedQueriesMaxBytes;
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var known))
            {
                _byUse.Remove(known);
                _byUse.AddFirst(known);
                return;
            }

            if (bytes > cap)
            {
                return; // larger than the whole store: it would evict everything and still not fit
            }

            _byHash[hash] = _byUse.AddFirst((hash, query, bytes));
            _bytes += bytes;
            while (_bytes > cap && _byUse.Last is { } oldest)
            {
                _byUse.RemoveLast();
                _byHash.Remove(oldest.Value.Hash);
                _bytes -= oldest.Value.Bytes;
            }
        }
    }
}
