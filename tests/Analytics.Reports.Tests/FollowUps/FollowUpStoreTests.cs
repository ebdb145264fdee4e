using static Analytics.Reports.Tests.FollowUps.FollowUpWorld;

namespace Analytics.Reports.Tests.FollowUps;

/// <summary>Detractor answers open one follow-up each, whatever happens to the answer, and follow-ups only move forward.</summary>
public sealed class FollowUpStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static DateTime At(int day, int hour) => new(2026, 11, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Each_detractor_answer_opens_one_follow_up_however_often_it_is_sent_or_changed()
    {
        await using var world = await OpenAsync(Now);
        await world.AccountsAsync(("acme", "Acme Corp", "alice"), ("globex", "Globex", "bob"), ("initech", "Initech", null));
        var r1 = new Answer("nps", "r1", At(27, 9), 3, "Support never answers", "acme");
        await world.AnswersAsync(
            r1, r1, r1, // sent three times
            new Answer("nps", "r2", At(27, 10), 9, "Great", "acme"),
            new Answer("nps", "r3", At(28, 11), 6, "Pricier than last year", "globex", At(28, 12)),
            new Answer("nps", "r3", At(28, 11), 6, "Pricing went up 40%", "globex", At(28, 13)), // a later version replaces it
            new Answer("nps", "r4", At(28, 12), 7, "", "globex"),
            new Answer("csat", "c1", At(28, 13), 2, "Slow ticket", "initech"),
            new Answer("csat", "c2", At(28, 14), 3, "", "initech"),
            new Answer("csat", "c3", At(29, 8), 1, "Nobody called back"));

        var opened = await world.Worker().RunOnceAsync(CancellationToken.None);
        // Later: r1 is sent again with a changed comment, and a crash replays the opening of r1 (the same row again).
        await world.AnswersAsync(r1 with { Comment = "Support never answers, still", StoredAt = At(30, 9) });
        await world.Gateway.InsertAsync("follow_ups", ["follow_up_id", "survey", "response_id", "responded_at", "score", "comment", "account_id", "opened_at"],
            [[FollowUpStore.IdOf("nps", "r1"), "nps", "r1", r1.RespondedAt, (byte)3, r1.Comment, "acme", Now.UtcDateTime.AddMinutes(5)]]);
        var openedAgain = await world.Worker().RunOnceAsync(CancellationToken.None);
        var list = await world.Store().ListAsync(null, null, 50, CancellationToken.None);

        Assert.Equal((4, 0), (opened, openedAgain));
        Assert.Equal(
            [
                ("csat", "c3", 1, "Nobody called back", (string?)null, (string?)null, (string?)null, FollowUpStatus.Open),
                ("csat", "c1", 2, "Slow ticket", "initech", "Initech", null, FollowUpStatus.Open),
                ("nps", "r3", 6, "Pricing went up 40%", "globex", "Globex", "bob", FollowUpStatus.Open),
                ("nps", "r1", 3, "Support never answers", "acme", "Acme Corp", "alice", FollowUpStatus.Open),
            ],
            list.Select(f => (f.Survey, f.ResponseId, f.Score, f.Comment, f.AccountId, f.AccountName, f.Owner, f.Status)));
        Assert.Equal(list.Select(f => FollowUpStore.IdOf(f.Survey, f.ResponseId)), list.Select(f => f.Id));
        Assert.Equal(4ul, await world.CountAsync("SELECT count() FROM follow_ups FINAL"));
    }

    [Fact]
    public async Task A_follow_up_moves_forward_only_and_keeps_every_note()
    {
        await using var world = await OpenAsync(Now);
        await world.AccountsAsync(("acme", "Acme Corp", "alice"));
        await world.AnswersAsync(new Answer("nps", "r1", At(29, 9), 2, "Outage again", "acme"));
        await world.Worker().RunOnceAsync(CancellationToken.None);
        var id = FollowUpStore.IdOf("nps", "r1");
        var store = world.Store();

        world.Clock.Advance(TimeSpan.FromHours(3));
        var contacted = await store.UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Contacted, "Called Jane, the ops lead", "alice"), CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(1));
        var noted = await store.UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Contacted, "Offered a service credit", "alice"), CancellationToken.None);
        var back = await Assert.ThrowsAsync<FollowUpUpdateException>(() =>
            store.UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Open, "oops", "bob"), CancellationToken.None));
        var retried = await store.UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Contacted, null, "alice"), CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromDays(2));
        var resolved = await store.UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Resolved, null, "alice"), CancellationToken.None);

        Assert.Equal((FollowUpStatus.Contacted, "Called Jane, the ops lead", Now.UtcDateTime.AddHours(3)), (contacted.Status, contacted.Note, contacted.UpdatedAt));
        Assert.Equal((FollowUpStatus.Contacted, "Offered a service credit", Now.UtcDateTime.AddHours(3)), (noted.Status, noted.Note, noted.ContactedAt));
        Assert.Equal("The follow-up is CONTACTED; it cannot move back to OPEN (a follow-up only moves forward: OPEN, CONTACTED, RESOLVED).", back.Message);
        Assert.Equal(noted, retried);
        Assert.Equal(
            (FollowUpStatus.Resolved, "Offered a service credit", Now.UtcDateTime.AddHours(3), Now.UtcDateTime.AddHours(4).AddDays(2)),
            (resolved.Status, resolved.Note, resolved.ContactedAt, resolved.ResolvedAt));
        Assert.Equal(3ul, await world.CountAsync("SELECT count() FROM follow_up_changes"));
        await Assert.ThrowsAsync<FollowUpUpdateException>(() =>
            store.UpdateAsync(new FollowUpUpdate("no-such-id", FollowUpStatus.Contacted, null, "alice"), CancellationToken.None));
    }

    [Fact]
    public async Task A_status_change_is_never_undone_by_a_late_reopening()
    {
        await using var world = await OpenAsync(Now);
        await world.AnswersAsync(new Answer("csat", "c1", At(29, 9), 1, "Broken export"));
        await world.Worker().RunOnceAsync(CancellationToken.None);
        var id = FollowUpStore.IdOf("csat", "c1");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Store().UpdateAsync(new FollowUpUpdate(id, FollowUpStatus.Contacted, "Emailed a workaround", "carol"), CancellationToken.None);

        // Another server, or a replay after a crash, opens the same follow-up again, later.
        await world.Gateway.InsertAsync("follow_ups", ["follow_up_id", "survey", "response_id", "responded_at", "score", "comment", "account_id", "opened_at"],
            [[id, "csat", "c1", At(29, 9), (byte)1, "Broken export", "", Now.UtcDateTime.AddHours(2)]]);
        await world.Gateway.ExecuteAsync("OPTIMIZE TABLE follow_ups FINAL");
        var after = await world.Store().GetAsync(id, CancellationToken.None);

        Assert.Equal((FollowUpStatus.Contacted, "Emailed a workaround"), (after!.Status, after.Note));
    }
}
