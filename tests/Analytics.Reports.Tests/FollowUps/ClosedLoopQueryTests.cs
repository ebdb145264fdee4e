using Analytics.Metrics.Common;
using static Analytics.Reports.Tests.FollowUps.FollowUpWorld;

namespace Analytics.Reports.Tests.FollowUps;

/// <summary>The closed loop's figures over follow-ups of answers given in [from, to), worked out by hand.</summary>
public sealed class ClosedLoopQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateWindow Week = new(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23));
    private static readonly DateTime Answered = new(2026, 11, 17, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_week_counts_contacts_within_48_hours_and_takes_the_median_hours_to_contact()
    {
        await using var world = await OpenAsync(Now);
        await world.AnswersAsync(
            new Answer("nps", "a", Answered, 2),
            new Answer("nps", "b", Answered, 5),
            new Answer("csat", "c", Answered, 1),
            new Answer("nps", "d", Answered, 0),
            new Answer("nps", "e", Answered, 6),
            new Answer("nps", "before", new DateTime(2026, 11, 15, 23, 0, 0, DateTimeKind.Utc), 1), // the day before the window
            new Answer("nps", "after", new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), 3),   // `to` is exclusive
            new Answer("nps", "promoter", Answered, 10));
        await world.Worker().RunOnceAsync(CancellationToken.None);
        string Id(string response) => FollowUpStore.IdOf(response == "c" ? "csat" : "nps", response);
        DateTime Hours(double h) => Answered.AddHours(h);
        await world.Store().RecordHistoryAsync(
        [
            (Id("a"), FollowUpStatus.Contacted, "Called", Hours(2), "alice"),    // contacted after 2 h ...
            (Id("a"), FollowUpStatus.Resolved, "Fixed", Hours(30), "alice"),     // ... and resolved
            (Id("b"), FollowUpStatus.Contacted, "", Hours(47.5), "bob"),         // 47.5 h: within 48
            (Id("c"), FollowUpStatus.Contacted, "", Hours(72), "bob"),           // 72 h: late
            (Id("c"), FollowUpStatus.Contacted, "Again", Hours(80), "bob"),      // a second note: the first contact counts
            (Id("d"), FollowUpStatus.Resolved, "Solved on the call", Hours(10), "carol"), // straight to resolved: contacted at 10 h
            (Id("before"), FollowUpStatus.Contacted, "", Hours(1), "alice"),     // outside the window, not counted
        ], CancellationToken.None);

        var loop = await world.Service<ClosedLoopQuery>().RunAsync(Week, CancellationToken.None);
        var empty = await world.Service<ClosedLoopQuery>().RunAsync(new DateWindow(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8)), CancellationToken.None);

        // Detractors a, b, c, d, e; contacted a (2 h), d (10 h), b (47.5 h), c (72 h); within 48 h: a, d, b; resolved a, d.
        // Hours to contact sorted: 2, 10, 47.5, 72; an even count, so the median is (10 + 47.5) / 2 = 28.75.
        Assert.Equal(new ClosedLoop(5, 4, 3, 2, 28.75), loop);
        Assert.Equal(0.6, loop.ContactedWithin48HoursShare);
        Assert.Equal(new ClosedLoop(0, 0, 0, 0, null), empty);
        Assert.Null(empty.ContactedWithin48HoursShare);
    }
}
