using System.Diagnostics;

namespace Analytics.Testing;

/// <summary>
/// The one way tests wait for what the code under test does in the background: a probe is read again and again until
/// its value is the one awaited, up to a deadline; past it the test fails naming what it awaited and the last value
/// seen. No test sleeps for a fixed time.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait may last unless told otherwise. Default is 60 s: the test machines are shared.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to pause between two reads of the probe unless told otherwise. Default is 100 ms.</summary>
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="done"/> holds for its value, and returns that value; after
    /// <paramref name="timeout"/> (<see cref="DefaultTimeout"/>) throws a <see cref="TimeoutException"/> that names
    /// <paramref name="awaited"/> ("the spool to drain") and the last value seen. An exception of the probe ends the wait
    /// at once: a probe for which an error only means "not yet" (a server not listening yet) returns that as its value.
    /// </summary>
    public static async Task<T> MatchAsync<T>(string awaited, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {awaited}; the last value seen: {Describe(value)}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Reads a synchronous <paramref name="probe"/> until <paramref name="done"/> holds for its value; see <see cref="MatchAsync{T}(string, Func{Task{T}}, Func{T, bool}, TimeSpan?, TimeSpan?)"/>.</summary>
    public static Task<T> MatchAsync<T>(string awaited, Func<T> probe, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        MatchAsync(awaited, () => Task.FromResult(probe()), done, timeout, interval);

    // A collection is told by its size (and its items when they are short); long text (a server's whole output) is cut
    // to its end, where what happened last is.
    private static string Describe<T>(T value)
    {
        const int Most = 4000;
        var text = value switch
        {
            null => "null",
            string s => s,
            System.Collections.ICollection items when string.Join(", ", items.Cast<object?>()) is var all =>
                $"{items.Count} item(s)" + (all.Length <= 500 ? $": [{all}]" : string.Empty),
            _ => value.ToString() ?? "null",
        };
        return text.Length <= Most ? text : "…" + text[^Most..];
    }
}
