namespace Analytics.Api.GraphQL;

/// <summary>
/// One key's engine time: a balance of up to a minute's allowance (<paramref name="secondsPerMinute"/>), refilled
/// continuously, from which each statement's time in a query slot is taken after it ran. The balance may go below zero
/// (documents already running finish); the key then waits until it is back above zero.
/// </summary>
internal sealed class EngineTimeAccount(double secondsPerMinute, TimeProvider clock)
{
    private readonly object _lock = new();
    private readonly double _capacity = secondsPerMinute;
    private readonly double _refillPerSecond = secondsPerMinute / 60;
    private double _balance = secondsPerMinute;
    private long _updatedAt = clock.GetTimestamp();

    public void Spend(TimeSpan held, long now)
    {
        lock (_lock)
        {
            Refill(now);
            _balance -= held.TotalSeconds;
        }
    }

    /// <summary>Null when the balance is above zero, else how long until it will be.</summary>
    public TimeSpan? DebtClearedIn(long now)
    {
        lock (_lock)
        {
            Refill(now);
            return _balance > 0 ? null : TimeSpan.FromSeconds((-_balance / _refillPerSecond) + 1);
        }
    }

    private void Refill(long now)
    {
        _balance = Math.Min(_capacity, _balance + (clock.GetElapsedTime(_updatedAt, now).TotalSeconds * _refillPerSecond));
        _updatedAt = now;
    }
}
