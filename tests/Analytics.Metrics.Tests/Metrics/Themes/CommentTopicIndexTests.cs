using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Themes;

/// <summary>
/// The background analysis the themes read: it follows new versions of answers, finds phrases as comments arrive and
/// re-makes the mentions of earlier comments, and a restart or a second round writes nothing new.
/// </summary>
public sealed class CommentTopicIndexTests
{
    private static readonly DateWindow Month = new(Date(1), Date(29));

    private static async Task<List<(string Name, long Comments)>> ThemesAsync(MetricsDatabase db, CommentTopicIndex index) =>
        [.. (await new ThemesQuery(db.Gateway, index).RunAsync(new(Month), default)).Select(t => (t.Name, t.Comments))];

    [Fact]
    public async Task A_new_version_of_an_answer_replaces_its_topics_and_an_emptied_comment_leaves_the_themes()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CommentTopicIndexTests))).WithAsync(new Story()
            .Answer("a", "nps", Day(2), 3, comment: "The invoice was wrong")
            .Answer("b", "nps", Day(3), 9, comment: "Great onboarding"));
        var index = await db.CommentTopicsAsync();
        Assert.Equal([("invoice", 1L), ("onboarding", 1L)], await ThemesAsync(db, index));

        // A corrected import: a speaks of pricing now, b took its comment back. The query sees it without waiting for a round.
        await new Story()
            .Answer("a", "nps", Day(2), 3, comment: "Pricing is too high", updatedAt: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc))
            .Answer("b", "nps", Day(3), 9, updatedAt: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc))
            .LoadAsync(db.Gateway);
        var themes = await new ThemesQuery(db.Gateway, index).RunAsync(new(Month), default);

        Assert.Equal(("pricing", 1L, 1.0), (themes.Single().Name, themes.Single().Comments, themes.Single().Share));
    }

    [Fact]
    public async Task Phrases_found_later_re_make_the_mentions_of_earlier_comments_and_a_restart_writes_nothing_new()
    {
        // One comment on error messages: not a phrase yet (it must stand in two comments), so two words.
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CommentTopicIndexTests))).WithAsync(new Story()
            .Answer("a", "nps", Day(2), 3, comment: "The error message is cryptic")
            .Answer("b", "nps", Day(2, 1), 8, comment: "The dashboard is slow"));
        var index = await db.CommentTopicsAsync();
        Assert.Equal([("dashboard", 1L), ("error", 1L), ("message", 1L)], await ThemesAsync(db, index));

        // Two more comments on error messages make it a phrase: the first comment now counts for it, not for its words.
        await new Story()
            .Answer("c", "nps", Day(3), 4, comment: "Unclear error messages")
            .Answer("d", "csat", Day(4), 2, comment: "error message again")
            .LoadAsync(db.Gateway);
        Assert.Equal([("error message", 3L), ("dashboard", 1L)], await ThemesAsync(db, index));

        // A restarted server's index: its rounds analyse nothing and leave one current row per answer.
        var restarted = await db.CommentTopicsAsync();
        Assert.Equal(0, await restarted.CatchUpAsync(default));
        Assert.Equal([("error message", 3L), ("dashboard", 1L)], await ThemesAsync(db, restarted));
        var rows = await db.Gateway.ListAsync("SELECT count() AS n FROM comment_topics FINAL", new(), r => r.Get<ulong>("n"), default);
        Assert.Equal(4ul, rows.Single());
    }
}
