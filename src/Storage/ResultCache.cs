using System.Globalization;
using System.Text;
using Analytics.Storage.Embedded;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Analytics.Storage;

/// <summary>
/// The answers of API keys' reads of the embedded engine (statements with an owner, <see cref="Fairness.EngineWork"/>),
/// kept while nothing is written to the engine, for at most <see cref="StorageOptions.ResultCacheSeconds"/>: four people
/// opening the same dashboard, or one reloading it, cost the engine one load. Any write, by any gateway of this process
/// (the engine's folder admits no other), makes every kept answer stale (<see cref="EngineWrites"/>); a read that
/// overlapped a write is not kept. The server's own reads (ingestion, indexes, schedules) are never kept, and neither
/// is anything read from a ClickHouse server, which other processes may write.
/// </summary>
/// <remarks>
/// The age limit is for what no write changes (a statement that read the engine's clock). Answers are shared
/// between keys, which is safe because a statement's text and parameters are all its answer depends on; what a role
/// may see is decided above, from the same rows.
/// </remarks>
internal sealed class ResultCache(IOptions<StorageOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>The most rows one answer may have to be kept: exports and other long answers are read afresh.</summary>
    public const int MaxRowsPerAnswer = 10_000;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ResultCacheRows) });

    private sealed record Answer(string Sql, long Generation, DateTimeOffset ReadAt, IReadOnlyList<ClickHouseRow> Rows);

    public bool Enabled => options.Value.ResultCacheSeconds > 0 && options.Value.ResultCacheRows > 0;

    /// <summary>Whether a statement is a plain read (SELECT or WITH), the only kind kept.</summary>
    public static bool IsRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The kept answer of a statement, if nothing it depends on was written since it was read and it is young enough.</summary>
    public IReadOnlyList<ClickHouseRow>? Find(string key)
    {
        if (!_answers.TryGetValue(key, out Answer? answer) || answer is null)
        {
            return null;
        }

        var now = EngineWrites.MarkFor(answer.Sql);
        var fresh = now.Generation == answer.Generation && !now.Running
            && clock.GetUtcNow() - answer.ReadAt < TimeSpan.FromSeconds(options.Value.ResultCacheSeconds);
        return fresh ? answer.Rows : null;
    }

    /// <summary>The writes a statement depends on before it is read, or null when one is running (the read is then not kept).</summary>
    public static long? GenerationBeforeRead(string sql) => EngineWrites.MarkFor(sql) is { Running: false } mark ? mark.Generation : null;

    /// <summary>Keeps an answer read in full, unless a write it depends on started or ran while it was read.</summary>
    public void Keep(string key, string sql, long generationBefore, DateTimeOffset readAt, List<ClickHouseRow> rows)
    {
        var after = EngineWrites.MarkFor(sql);
        if (after.Generation != generationBefore || after.Running)
        {
            return;
        }

        _answers.Set(key, new Answer(sql, generationBefore, readAt, rows), new MemoryCacheEntryOptions
        {
            Size = rows.Count + 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.ResultCacheSeconds),
        });
    }

    /// <summary>A statement and its parameters as one text: what an answer is kept under.</summary>
    public static string KeyOf(string sql, QueryParameters? parameters)
    {
        var key = new StringBuilder(sql);
        foreach (var (name, value) in (parameters ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            key.Append('\u0001').Append(name).Append('=');
            Append(key, value);
        }

        return key.ToString();
    }

    private static void Append(StringBuilder key, object? value)
    {
        switch (value)
        {
            case null:
                key.Append("\u0002null");
                break;
            case string text:
                key.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case DateTime time:
                key.Append(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                key.Append(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case System.Collections.IEnumerable items:
                key.Append('[');
                foreach (var item in items)
                {
                    Append(key, item);
                    key.Append(',');
                }

                key.Append(']');
                break;
            case IFormattable formattable:
                key.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                key.Append(value);
                break;
        }
    }

    public void Dispose() => _answers.Dispose();
}
