using System.Diagnostics;

namespace Analytics.Storage.Fairness;

/// <summary>
/// The engine's query slots, shared fairly between owners (<see cref="EngineWork"/>): at most
/// <see cref="StorageOptions.QuerySlots"/> owned statements run at once, and when a slot frees it goes to the waiting
/// owner with the fewest statements running (the earliest waiting among equals). So a key that sends hundreds of
/// statements holds no more slots than a key that sends one while that one waits: it queues behind its own work, not in
/// front of everyone else's. Each statement's time in its slot is reported (<see cref="Finished"/>), which is how API
/// keys are charged for the engine time they use.
/// </summary>
/// <remarks>
/// A FIFO semaphore (what the embedded gateway's connection pool is) serves statements in arrival order, so a key that
/// fires 36 statements at once makes a dashboard's 10 wait behind all of them: 39 s at 50M events before this
/// (bench/RESULTS.md, flood). Slots are fewer than the embedded engine's connections, so the server's own work always
/// finds one.
/// </remarks>
public sealed class FairQuerySlots(int slots)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _runningByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Waiter>> _waitingByOwner = new(StringComparer.Ordinal);
    private int _running;
    private long _tickets;

    /// <summary>Called after each owned statement with its owner and its time in a slot.</summary>
    public event Action<string, TimeSpan>? Finished;

    /// <summary>How many slots there are.</summary>
    public int Slots { get; } = slots > 0 ? slots : throw new ArgumentOutOfRangeException(nameof(slots), "At least one query slot is needed.");

    /// <summary>Statements waiting for a slot now, of every owner.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waitingByOwner.Values.Sum(q => q.Count);
            }
        }
    }

    /// <summary>Waits for a slot for <paramref name="owner"/>'s statement; dispose the lease when the statement ends.</summary>
    public async ValueTask<Lease> AcquireAsync(string owner, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_running < Slots && _waitingByOwner.Count == 0)
            {
                Start(owner);
                return new Lease(this, owner);
            }

            waiter = new Waiter(owner, ++_tickets);
            if (!_waitingByOwner.TryGetValue(owner, out var queue))
            {
                _waitingByOwner[owner] = queue = new Queue<Waiter>();
            }

            queue.Enqueue(waiter);
        }

        await using (cancellationToken.Register(() => GiveUp(waiter)))
        {
            await waiter.Granted.Task.ConfigureAwait(false);
        }

        return new Lease(this, owner);
    }

    private void Start(string owner)
    {
        _running++;
        _runningByOwner[owner] = _runningByOwner.GetValueOrDefault(owner) + 1;
    }

    private void Release(string owner, TimeSpan held)
    {
        lock (_lock)
        {
            _running--;
            if (--_runningByOwner[owner] == 0)
            {
                _runningByOwner.Remove(owner);
            }

            GrantWhileFree();
        }

        Finished?.Invoke(owner, held);
    }

    // The next slot goes to the owner with the fewest running, then to the one whose first waiter came earliest.
    private void GrantWhileFree()
    {
        while (_running < Slots && _waitingByOwner.Count > 0)
        {
            var next = _waitingByOwner
                .MinBy(w => (_runningByOwner.GetValueOrDefault(w.Key), w.Value.Peek().Ticket));
            var waiter = next.Value.Dequeue();
            if (next.Value.Count == 0)
            {
                _waitingByOwner.Remove(next.Key);
            }

            Start(waiter.Owner);
            waiter.Granted.TrySetResult();
        }
    }

    // A cancelled waiter leaves its queue; one already granted keeps its slot (its lease releases it).
    private void GiveUp(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Granted.Task.IsCompleted || !_waitingByOwner.TryGetValue(waiter.Owner, out var queue))
            {
                return;
            }

            var rest = queue.Where(w => w != waiter).ToList();
            if (rest.Count == queue.Count)
            {
                return;
            }

            if (rest.Count == 0)
            {
                _waitingByOwner.Remove(waiter.Owner);
            }
            else
            {
                _waitingByOwner[waiter.Owner] = new Queue<Waiter>(rest);
            }

            waiter.Granted.TrySetCanceled();
        }
    }

    private sealed class Waiter(string owner, long ticket)
    {
        public string Owner { get; } = owner;

        public long Ticket { get; } = ticket;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A statement's slot, held until disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly FairQuerySlots _slots;
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _released;

        internal Lease(FairQuerySlots slots, string owner)
        {
            _slots = slots;
            Owner = owner;
        }

        public string Owner { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _slots.Release(Owner, Stopwatch.GetElapsedTime(_started));
            }
        }
    }
}
