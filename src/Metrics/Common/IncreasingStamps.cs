namespace Analytics.Metrics.Common;

/// <summary>
/// Version stamps for rows a background index re-makes: the clock's time, but always later than the last stamp this
/// instance gave, so a re-made row replaces the row it re-makes even within one microsecond (the columns keep six digits).
/// </summary>
public sealed class IncreasingStamps(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private DateTime _last;

    public DateTime Next()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            _last = now > _last ? now : _last.AddTicks(10);
            return _last;
        }
    }
}
