namespace Analytics.Reports.Tests.Scheduling;

/// <summary>A run missed while the servers were down is made once when they come back, however many come back.</summary>
public sealed class CatchUpTests
{
    // Monday 30 November 2026, 11:00 in Berlin: this week's 08:00 run was missed.
    private static readonly DateTimeOffset AfterTheMissedRun = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_missed_run_is_caught_up_exactly_once()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(CatchUpTests));
        await using var one = await ReportsWorld.OpenAsync(database, AfterTheMissedRun);
        await using var two = await ReportsWorld.OpenAsync(database, AfterTheMissedRun);

        var together = await Task.WhenAll(
            Task.Run(() => one.CatchUp.CatchUpAsync(CancellationToken.None)),
            Task.Run(() => two.CatchUp.CatchUpAsync(CancellationToken.None)));
        one.Clock.Advance(TimeSpan.FromHours(2));
        var afterRestart = await one.CatchUp.CatchUpAsync(CancellationToken.None);

        var run = Assert.Single(await one.Runs.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(("weekly-executive", new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), RunStatus.Delivered),
            (run.Report, run.PeriodStart, run.PeriodEnd, run.Status));
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0, DateTimeKind.Utc), run.ScheduledFor);
        Assert.All(together.SelectMany(r => r), r => Assert.Equal(run.Id, r.Id));
        Assert.Empty(afterRestart);
        Assert.Equal(1, one.Renderer.Renders + two.Renderer.Renders);
        Assert.Equal(1, new[] { one, two }.Sum(w => Directory.Exists(w.Outbox) ? Directory.GetDirectories(w.Outbox).Length : 0));
    }

    [Fact]
    public async Task Before_this_weeks_fire_the_catch_up_is_last_weeks_run()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(CatchUpTests));
        await using var world = await ReportsWorld.OpenAsync(database, new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));

        var run = Assert.Single(await world.CatchUp.CatchUpAsync(CancellationToken.None));

        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)), (run.PeriodStart, run.PeriodEnd));
    }

    /// <summary>
    /// A server first started after a run was due never missed it: a fresh install mails nothing at once (the run was
    /// made before it existed, or never had to be). Asked to (the demo), the catch-up still makes it.
    /// </summary>
    [Fact]
    public async Task A_run_due_before_the_first_start_is_not_caught_up()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(CatchUpTests), installed: AfterTheMissedRun.AddHours(-1));
        await using var world = await ReportsWorld.OpenAsync(database, AfterTheMissedRun);

        var atStart = await world.CatchUp.CatchUpAsync(CancellationToken.None);
        var forTheDemo = await world.CatchUp.CatchUpAsync(CancellationToken.None, beforeInstall: true);

        Assert.Empty(atStart);
        var run = Assert.Single(forTheDemo);
        Assert.Equal((new DateOnly(2026, 11, 23), RunStatus.Delivered), (run.PeriodStart, run.Status));
        Assert.Equal(1, world.Renderer.Renders);
    }
}
