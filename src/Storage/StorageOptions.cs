namespace Analytics.Storage;

/// <summary>Where the data lives: the embedded engine's folder, or a ClickHouse server or cluster. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A ClickHouse connection string (<c>Host=…;Port=8123;Username=…;Password=…</c>). When absent, the embedded engine is used.</summary>
    public string? ClickHouse { get; set; }

    /// <summary><c>embedded</c> or <c>server</c>. Default: <c>server</c> when <see cref="ClickHouse"/> is set, else <c>embedded</c>.</summary>
    public string? Backend { get; set; }

    /// <summary>The embedded engine's data folder. Default is <c>data</c>.</summary>
    public string Path { get; set; } = "data";

    /// <summary>The database that holds the tables. Default is <c>analytics</c>.</summary>
    public string Database { get; set; } = "analytics";

    /// <summary>A ClickHouse cluster name: DDL runs <c>ON CLUSTER</c> with replicated tables and Distributed tables in front. Default: none.</summary>
    public string? Cluster { get; set; }

    /// <summary>Path of <c>libchdb.so</c>. Default: <c>.cache/chdb/libchdb.so</c> in the nearest folder above the program that has one (where the setup script puts it).</summary>
    public string? ChdbLibrary { get; set; }

    /// <summary>Native connections the embedded engine may have open at once. Default is 4.</summary>
    public int EmbeddedConnections { get; set; } = 4;

    /// <summary>
    /// How many statements of API keys' requests the engine runs at once, shared fairly between the keys (a key with
    /// fewer running goes first; <see cref="Fairness.FairQuerySlots"/>). The server's own work (ingestion, indexes,
    /// scheduled reports) is not counted here. Default is the number of processors, at least 2.
    /// </summary>
    public int QuerySlots { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How long an answer to an API key's read of the embedded engine is kept for the same read again, at most, in
    /// seconds; any write it depends on ends it at once (<see cref="ResultCache"/>). The metrics' statements take the
    /// time as a parameter, never from the clock, so only writes change their answers; the limit bounds what an answer
    /// that does depend on the time could be off by. 0 keeps nothing. Default is 600. Answers read from a ClickHouse
    /// server are never kept: other processes may write there.
    /// </summary>
    public double ResultCacheSeconds { get; set; } = 600;

    /// <summary>How many rows the kept answers may hold in all; the least recently kept go first. Default is 200,000.</summary>
    public long ResultCacheRows { get; set; } = 200_000;

    /// <summary>
    /// Whether the thread pool keeps a thread for every engine connection besides the processors' own, so that requests
    /// answered from memory never wait for threads the engine's statements hold. Default is true. The test suite turns
    /// it off: it runs many servers side by side on two processors, where more threads only crowd each other.
    /// </summary>
    public bool KeepThreadsForRequests { get; set; } = true;

    /// <summary>Retries of a transient failure against a ClickHouse server, with exponential backoff. Default is 5.</summary>
    public int ServerRetries { get; set; } = 5;

    /// <summary>The backend these options select, or an error naming the setting.</summary>
    public StorageBackend ResolveBackend() => Backend?.Trim().ToLowerInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(ClickHouse) ? StorageBackend.Embedded : StorageBackend.Server,
        "embedded" => StorageBackend.Embedded,
        "server" => string.IsNullOrWhiteSpace(ClickHouse)
            ? throw new StorageConfigurationException("Storage:ClickHouse", "a connection string is required when Storage:Backend is 'server'.")
            : StorageBackend.Server,
        _ => throw new StorageConfigurationException("Storage:Backend", $"'{Backend}' is not a storage backend; use 'embedded' or 'server'."),
    };
}

/// <summary>A setting that keeps storage from starting. The message is one line that names the setting.</summary>
public sealed class StorageConfigurationException(string setting, string problem, Exception? inner = null)
    : Exception($"{setting}: {problem}", inner)
{
    public string Setting { get; } = setting;
}
