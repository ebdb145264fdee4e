namespace Analytics.Reports.Scheduling;

/// <summary>
/// Lets whatever is still filling the database at start-up (the demo loader) hold the start-up catch-up back, so that
/// the reports it makes are not of a half-loaded database. Open unless something holds it.
/// </summary>
public sealed class CatchUpGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _released;
    private int _holds;

    /// <summary>Holds the catch-up back until the returned handle is disposed.</summary>
    public IDisposable Hold()
    {
        lock (_lock)
        {
            if (_holds++ == 0)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Handle(this);
    }

    /// <summary>Completes once nothing holds the gate.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _released?.Task.WaitAsync(cancellationToken) ?? Task.CompletedTask;
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            if (--_holds == 0)
            {
                _released!.TrySetResult();
                _released = null;
            }
        }
    }

    private sealed class Handle(CatchUpGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
