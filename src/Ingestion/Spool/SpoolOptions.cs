namespace Analytics.Ingestion.Spool;

/// <summary>The durable spool on local disk. Section <c>Ingestion:Spool</c>.</summary>
public sealed class SpoolOptions
{
    public const string Section = "Ingestion:Spool";

    /// <summary>The spool folder. Default: <c>spool</c> inside <c>Storage:Path</c> (one folder per server node).</summary>
    public string? Path { get; set; }

    /// <summary>Bytes the spool may hold that are not yet written to ClickHouse; beyond it ingestion answers 503. Default is 1 GiB.</summary>
    public long QuotaBytes { get; set; } = 1L << 30;

    /// <summary>A segment file is closed and a new one begun past this size. Default is 64 MiB.</summary>
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>Seconds a client is told to wait (Retry-After) when the spool is full. Default is 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>The spool is at its disk quota: the engine is behind or down. Clients should retry later.</summary>
public sealed class SpoolFullException(long pendingBytes, long quotaBytes)
    : Exception($"The ingestion spool holds {pendingBytes:N0} bytes not yet stored, at its quota of {quotaBytes:N0}; retry later.");
