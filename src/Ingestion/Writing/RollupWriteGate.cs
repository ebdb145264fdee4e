namespace Analytics.Ingestion.Writing;

/// <summary>
/// Keeps this process's writes and rollup rebuilds apart. A rebuild empties some months of the rollups, then fills them
/// again from the stored events: an event stored in between would be counted twice there (once by the views, once by
/// the refill). The batch processor holds the gate while it stores a batch, a rebuild for all of its months.
/// </summary>
/// <remarks>It holds only this process: another node storing events of the same months during a rebuild is not held
/// back (docs/deploy.md).</remarks>
public sealed class RollupWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate; disposing the result lets the next one in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Held(_gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
