using Analytics.Reports.Runs;
using Analytics.Reports.Tests.Support;

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
}
