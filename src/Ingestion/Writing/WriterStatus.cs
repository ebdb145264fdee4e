namespace Analytics.Ingestion.Writing;

/// <summary>How the spool writer is doing, for the health check: when it last stored a batch, and its last failure.</summary>
public sealed class WriterStatus
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastStored;
    private string? _failure;
    private int _consecutiveFailures;

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
