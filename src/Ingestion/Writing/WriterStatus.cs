namespace Analytics.Ingestion.Writing;

/// <summary>
/// How the spool writer is doing, for the health check: when it last stored a batch, its last failure, and how many
/// entries it has committed since the start.
/// </summary>
public sealed class WriterStatus
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastStored;
    private string? _failure;
    private int _consecutiveFailures;
    private long _committed;

    /// <summary>Entries stored and committed since the start.</summary>
    public long EntriesCommitted => Interlocked.Read(ref _committed);

    public void Committed(int entries) => Interlocked.Add(ref _committed, entries);

    public (DateTimeOffset? LastStored, string? Failure, int ConsecutiveFailures) Snapshot
    {
        get
        {
            lock (_gate)
            {
                return (_lastStored, _failure, _consecutiveFailures);
            }
        }
    }

    public void Stored(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastStored = at;
            _failure = null;
            _consecutiveFailures = 0;
        }
    }

    public void Failed(string message)
    {
        lock (_gate)
        {
            _failure = message;
            _consecutiveFailures++;
        }
    }
}
