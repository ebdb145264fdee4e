using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Analytics.Storage;
using Analytics.Storage.Formats;

namespace Analytics.Bench;

/// <summary>
/// A gateway that passes every call on and records each statement's time (from the call to its last row), so the
/// profile of a metric shows which of its statements costs what.
/// </summary>
internal sealed partial class TimingGateway(IClickHouseGateway inner) : IClickHouseGateway
{
    private readonly List<(string Sql, double Ms)> _timings = [];
    private readonly Dictionary<string, string> _replayable = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public StorageBackend Backend => inner.Backend;

    public string Database => inner.Database;

    /// <summary>The statements run since the last call, in the order they finished, and empties the record.</summary>
    public List<(string Sql, double Ms)> Take()
    {
        lock (_gate)
        {
            var taken = _timings.ToList();
            _timings.Clear();
            return taken;
        }
    }

    /// <summary>
    /// A statement with its parameters last used written in as <c>CAST('text' AS Type)</c>, to run again by hand (in
    /// clickhouse-local or chDB) and take apart.
    /// </summary>
    public string Replayable(string sql)
    {
        lock (_gate)
        {
            return _replayable.GetValueOrDefault(sql, sql);
        }
    }

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.ExecuteAsync(sql, parameters, cancellationToken);
        Record(sql, parameters, started);
    }

    public async IAsyncEnumerable<ClickHouseRow> QueryAsync(
        string sql, QueryParameters? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await foreach (var row in inner.QueryAsync(sql, parameters, cancellationToken))
        {
            yield return row;
        }

        Record(sql, parameters, started);
    }

    public Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        inner.InsertAsync(table, columns, rows, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Record(string sql, QueryParameters? parameters, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var replayable = Placeholder().Replace(sql, m =>
        {
            var value = parameters?.FirstOrDefault(p => p.Key == m.Groups["name"].Value).Value;
            return $"CAST('{ParameterText.Format(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}' AS {m.Groups["type"].Value})";
        });
        lock (_gate)
        {
            _timings.Add((sql, elapsed));
            _replayable[sql] = replayable;
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+):(?<type>[^{}]+)\}")]
    private static partial Regex Placeholder();
}
