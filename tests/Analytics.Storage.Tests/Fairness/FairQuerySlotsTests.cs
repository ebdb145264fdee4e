using Analytics.Storage.Fairness;

namespace Analytics.Storage.Tests.Fairness;

/// <summary>
/// Issue 16, finding 4: one key's statements must not queue in front of everyone else's. The slots go to the owner with
/// the fewest running, whatever the order statements arrived in.
/// </summary>
public sealed class FairQuerySlotsTests
{
    [Fact]
    public async Task A_freed_slot_goes_to_the_owner_with_none_running_before_the_flooding_owners_queue()
    {
        var slots = new FairQuerySlots(2);
        var flood = new List<FairQuerySlots.Lease> { await slots.AcquireAsync("flood", default), await slots.AcquireAsync("flood", default) };
        var floodQueued = Enumerable.Range(0, 5).Select(_ => slots.AcquireAsync("flood", default).AsTask()).ToList();
        var dashboard = slots.AcquireAsync("dashboard", default).AsTask();
        Assert.Equal(6, slots.Waiting);

        flood[0].Dispose();

        var dashboardLease = await dashboard.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("dashboard", dashboardLease.Owner);
        Assert.All(floodQueued, t => Assert.False(t.IsCompleted, "the flood's queued statements must wait while the dashboard's runs"));

        // With one each running, the next free slot goes back to the flood, in its own order.
        dashboardLease.Dispose();
        var next = await floodQueued[0].WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("flood", next.Owner);
        Assert.All(floodQueued.Skip(1), t => Assert.False(t.IsCompleted));
        Assert.Equal(4, slots.Waiting);
    }

    [Fact]
    public async Task Between_equals_the_earliest_waiter_goes_first_and_a_cancelled_waiter_leaves_the_queue()
    {
        var slots = new FairQuerySlots(1);
        var running = await slots.AcquireAsync("a", default);
        using var giveUp = new CancellationTokenSource();
        var cancelled = slots.AcquireAsync("b", giveUp.Token).AsTask();
        var c = slots.AcquireAsync("c", default).AsTask();
        var d = slots.AcquireAsync("d", default).AsTask();

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, slots.Waiting);

        running.Dispose();
        var granted = await c.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("c", granted.Owner);
        Assert.False(d.IsCompleted);
        granted.Dispose();
        Assert.Equal("d", (await d.WaitAsync(TimeSpan.FromSeconds(5))).Owner);
    }

    [Fact]
    public async Task Each_statement_reports_its_owner_and_time_in_the_slot_once()
    {
        var slots = new FairQuerySlots(2);
        var finished = new List<(string Owner, TimeSpan Held)>();
        slots.Finished += (owner, held) => finished.Add((owner, held));

        var lease = await slots.AcquireAsync("key-1", default);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.ElapsedMilliseconds < 30)
        {
            // Busy for a measurable while: the time reported is the time held, not a guess.
        }

        lease.Dispose();
        lease.Dispose();

        var (owner, held) = Assert.Single(finished);
        Assert.Equal("key-1", owner);
        Assert.InRange(held.TotalMilliseconds, 30, 10_000);
    }
}
