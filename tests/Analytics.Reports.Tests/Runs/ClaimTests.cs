namespace Analytics.Reports.Tests.Runs;

/// <summary>The run history is the lock: a report and period is delivered once, whoever asks and however many at once.</summary>
public sealed class ClaimTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly PeriodEnd = new(2026, 11, 30);

    [Fact]
    public async Task Two_servers_racing_for_one_run_deliver_it_once()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(ClaimTests));
        await using var one = await ReportsWorld.OpenAsync(database, Monday);
        await using var two = await ReportsWorld.OpenAsync(database, Monday);
        var request = new ReportRequest("weekly-executive", PeriodEnd, Monday.UtcDateTime);

        var runs = await Task.WhenAll(
            Task.Run(() => one.Runner.RunAsync(request, null, CancellationToken.None)),
            Task.Run(() => two.Runner.RunAsync(request, null, CancellationToken.None)));

        Assert.Equal(runs[0].Id, runs[1].Id);
        Assert.Equal(1, one.Renderer.Renders + two.Renderer.Renders);
        var delivered = Assert.Single(await one.Runs.ListAsync("weekly-executive", 10, CancellationToken.None));
        Assert.Equal(RunStatus.Delivered, delivered.Status);
        Assert.Equal(1, Outboxes(one, two));
    }

    [Fact]
    public async Task Many_claimers_on_one_period_make_one_run_in_every_round()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(ClaimTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday);
        var period = new ReportPeriod(PeriodEnd.AddDays(-7), PeriodEnd);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => world.Runs.ClaimAsync(
            "weekly-executive", period, Monday.UtcDateTime, [], $"node-{i}", retakeFailed: false, TimeSpan.FromHours(1), CancellationToken.None))));

        var winner = Assert.Single(outcomes, o => o.Won);
        Assert.All(outcomes, o => Assert.Equal(winner.Run.Id, o.Run.Id));
    }

    [Fact]
    public async Task A_delivered_period_is_not_delivered_again_even_when_an_admin_asks()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(ClaimTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday);

        var first = await world.Runner.RunAsync(new ReportRequest("weekly-executive", PeriodEnd, Monday.UtcDateTime), null, CancellationToken.None);
        var again = await world.Runner.RunAsync(new ReportRequest("weekly-executive", PeriodEnd, Monday.UtcDateTime, RetakeFailed: true), null, CancellationToken.None);

        Assert.Equal((RunStatus.Delivered, first.Id), (again.Status, again.Id));
        Assert.Equal(1, world.Renderer.Renders);
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_server_is_taken_over_after_the_claim_timeout()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(ClaimTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday);
        var period = new ReportPeriod(PeriodEnd.AddDays(-7), PeriodEnd);
        var stopped = await world.Runs.ClaimAsync("weekly-executive", period, Monday.UtcDateTime, [], "gone", false, TimeSpan.FromHours(2), CancellationToken.None);
        await world.Runs.SaveAsync(stopped.Run with { Status = RunStatus.Running }, CancellationToken.None);

        var early = await world.Runner.RunAsync(new ReportRequest("weekly-executive", PeriodEnd, Monday.UtcDateTime), null, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(3));
        var late = await world.Runner.RunAsync(new ReportRequest("weekly-executive", PeriodEnd, Monday.UtcDateTime), null, CancellationToken.None);

        Assert.Equal((stopped.Run.Id, RunStatus.Running), (early.Id, early.Status));
        Assert.NotEqual(stopped.Run.Id, late.Id);
        Assert.Equal(RunStatus.Delivered, late.Status);
    }

    private static int Outboxes(params ReportsWorld[] worlds) =>
        worlds.Sum(w => Directory.Exists(w.Outbox) ? Directory.GetDirectories(w.Outbox).Length : 0);
}
