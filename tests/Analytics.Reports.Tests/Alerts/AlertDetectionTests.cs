using Analytics.Metrics.TargetLists;
using Analytics.Reports.Alerts;

namespace Analytics.Reports.Tests.Alerts;

/// <summary>
/// Detection in-process with a fake clock: detecting again yields the same keys and adds nothing to the outbox, a
/// stage entry older than the horizon is no news, and the retry waits double up to their cap.
/// </summary>
public sealed class AlertDetectionTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Detecting_again_gives_the_same_keys_and_adds_nothing()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(AlertDetectionTests));
        await using var world = await ReportsWorld.OpenAsync(database, Created);
        // acme: 15 page views this morning, aware and engaged from tonight's midnight; globex: 3, only aware.
        await LoadAsync(world.Gateway, ("acme", new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), 15), ("globex", new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), 3));
        var rule = await world.Services.GetRequiredService<AlertRuleStore>().SaveAsync(new AlertRuleInput(
            null, "Engaged", AlertKind.StageEntered, new AlertParameters(Stage: "ENGAGED"), AlertChannel.Email, "cs@example.com", null, true), CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(4));
        var detector = world.Services.GetServices<IAlertDetector>().Single(d => d.Kind == AlertKind.StageEntered);
        var outbox = world.Services.GetRequiredService<AlertOutbox>();
        var now = world.Clock.GetUtcNow().UtcDateTime;

        var first = await detector.DetectAsync(rule, now, CancellationToken.None);
        var added = await outbox.AddNewAsync(first, now, CancellationToken.None);
        var again = await detector.DetectAsync(rule, now.AddMinutes(1), CancellationToken.None);
        var addedAgain = await outbox.AddNewAsync(again, now.AddMinutes(1), CancellationToken.None);
        var pending = await outbox.DueAsync(now.AddMinutes(1), 10, CancellationToken.None);

        var entry = Assert.Single(first);
        Assert.Equal(("acme", "acme", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), "acme entered the ENGAGED stage on 2026-12-01 (from TARGET)."),
            (entry.AccountId, entry.AccountName, entry.OccurredAt, entry.Summary));
        Assert.Equal(first.Select(o => o.Key), again.Select(o => o.Key));
        Assert.Equal((1, 0), (added, addedAgain));
        Assert.Equal([(entry.Key, AlertStatus.Pending, 0)], pending.Select(a => (a.Key, a.Status, a.Attempts)));
    }

    [Fact]
    public async Task A_stage_entered_before_the_horizon_is_no_news()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(AlertDetectionTests));
        await using var world = await ReportsWorld.OpenAsync(database, Created.AddDays(-30));
        // Three page views on 2026-11-10: aware (not engaged) from the next midnight.
        await LoadAsync(world.Gateway, ("acme", new DateTime(2026, 11, 10, 9, 0, 0, DateTimeKind.Utc), 3));
        var rule = await world.Services.GetRequiredService<AlertRuleStore>().SaveAsync(new AlertRuleInput(
            null, "Aware", AlertKind.StageEntered, new AlertParameters(Stage: "AWARE"), AlertChannel.Email, "cs@example.com", null, true), CancellationToken.None);
        var detector = world.Services.GetServices<IAlertDetector>().Single(d => d.Kind == AlertKind.StageEntered);

        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 12, 0, 0, 0, TimeSpan.Zero));
        var withinHorizon = await detector.DetectAsync(rule, world.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        world.Clock.SetUtcNow(Created);
        var pastIt = await detector.DetectAsync(rule, world.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        Assert.Equal([new DateTime(2026, 11, 11, 0, 0, 0, DateTimeKind.Utc)], withinHorizon.Select(o => o.OccurredAt));
        Assert.Empty(pastIt);
    }

    [Fact]
    public async Task An_account_joining_a_rule_list_is_news_once_and_a_list_without_joins_is_refused()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(AlertDetectionTests));
        await using var world = await ReportsWorld.OpenAsync(database, Created);
        await world.Gateway.InsertAsync("accounts", ["account_id", "name", "tier", "updated_at"], [
            ["acme", "Acme Corp", "1", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)],
            ["globex", "Globex", "3", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)],
        ]);
        var alerts = world.Services.GetRequiredService<AlertRuleStore>();
        var refused = await Assert.ThrowsAsync<AlertRuleException>(() => alerts.SaveAsync(new AlertRuleInput(
            null, "Tier 1", AlertKind.ListJoined, new AlertParameters(List: "tier-1"), AlertChannel.Email, "sales@example.com", null, true), CancellationToken.None));
        Assert.Contains("'tier-1' is none", refused.Message, StringComparison.Ordinal);

        await world.Services.GetRequiredService<TargetListRuleStore>().SaveAsync("tier-1", new TargetListRule([new TargetListCondition(Tiers: ["1"])]), CancellationToken.None);
        var rule = await alerts.SaveAsync(new AlertRuleInput(
            null, "Tier 1", AlertKind.ListJoined, new AlertParameters(List: "tier-1"), AlertChannel.Email, "sales@example.com", null, true), CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var outcome = await world.Services.GetRequiredService<TargetListRecompute>().RecomputeOneAsync("tier-1", CancellationToken.None);
        var detector = world.Services.GetServices<IAlertDetector>().Single(d => d.Kind == AlertKind.ListJoined);
        var now = world.Clock.GetUtcNow().UtcDateTime;

        var first = await detector.DetectAsync(rule, now, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromMinutes(15));
        await world.Services.GetRequiredService<TargetListRecompute>().RecomputeOneAsync("tier-1", CancellationToken.None);
        var again = await detector.DetectAsync(rule, world.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        Assert.Equal(1, outcome.Joined);
        var joined = Assert.Single(first);
        Assert.Equal(("acme", "Acme Corp", now, "Acme Corp joined the target list tier-1."), (joined.AccountId, joined.AccountName, joined.OccurredAt, joined.Summary));
        Assert.Equal([joined.Key], again.Select(o => o.Key));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(50, 3600)]
    public void Retry_waits_double_from_the_base_up_to_the_cap(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AlertDelivery.Backoff(failures, new AlertOptions()));

    private static async Task LoadAsync(IClickHouseGateway gateway, params (string Id, DateTime At, int Views)[] accounts)
    {
        await gateway.InsertAsync("accounts", ["account_id", "name", "updated_at"],
            accounts.Select(a => new object?[] { a.Id, a.Id, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }));
        await gateway.InsertAsync("events", ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "url"],
            accounts.SelectMany(a => Enumerable.Range(0, a.Views).Select(i => new object?[]
            {
                $"{a.Id}-{i}", a.At.AddMinutes(i), a.At.AddMinutes(i), "web", "page_view", a.Id, "https://example.com/blog",
            })));
    }
}
