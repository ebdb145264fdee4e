using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Themes;

public sealed class ThemesQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// Two detractors (2 and 5) find the export broken; two promoters (10, 9) and a passive (8) talk about the
    /// dashboards, and so does a CSAT answer. A detractor writes in French (no themes, no sentiment, but a comment), and
    /// a passive in Chinese. An empty comment and one after the week do not count.
    /// </summary>
    private static Story Answers() => new Story()
        .Account("acme").Account("globex")
        .Answer("n1", "nps", Day(2), 2, "acme", comment: "The export is broken.")
        .Answer("n2", "nps", Day(2, 6), 5, "globex", comment: "The export is broken again.")
        .Answer("n3", "nps", Day(3), 10, "acme", comment: "Love the dashboards.")
        .Answer("n4", "nps", Day(4), 9, "globex", comment: "Dashboards are great.")
        .Answer("n5", "nps", Day(5), 8, "acme", comment: "The dashboard is fine.")
        .Answer("c1", "csat", Day(6), 5, "acme", comment: "Great dashboard.")
        .Answer("n6", "nps", Day(6, 2), 1, "globex", comment: "Le tableau de bord est lent et l'export ne marche pas")
        .Answer("n7", "nps", Day(7), 7, "acme", comment: "导出功能经常出错")
        .Answer("n8", "nps", Day(7, 1), 3, "acme")
        .Answer("n9", "nps", Day(9), 0, "acme", comment: "The export is broken.");

    private static async Task<IReadOnlyList<ThemeFigures>> RunAsync(Story story, ThemesRequest request)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(ThemesQueryTests))).WithAsync(story);
        return await new ThemesQuery(db.Gateway, await db.CommentTopicsAsync()).RunAsync(request, default);
    }

    [Fact]
    public async Task Themes_with_their_sentiment_and_the_NPS_of_those_who_mention_them()
    {
        var themes = await RunAsync(Answers(), new(FirstWeek));

        // 8 comments. The dashboard: 4 comments (3 NPS answers: 10, 9 promoters, 8 passive → (2 − 0) / 3 = 66.7);
        // the export: the two detractors only (−100), not the French one, which has no themes. Examples newest first.
        Assert.Equivalent(new ThemeFigures[]
        {
            new("dashboard", 4, 0.5, 4, 0, 0, 200.0 / 3, ["Great dashboard.", "The dashboard is fine.", "Dashboards are great.", "Love the dashboards."]),
            new("export", 2, 0.25, 0, 0, 2, -100, ["The export is broken again.", "The export is broken."]),
            new("功能", 1, 0.125, 0, 0, 0, 0, ["导出功能经常出错"]),
        }, themes, strict: true);
    }

    [Fact]
    public async Task Themes_of_one_survey()
    {
        var themes = await RunAsync(Answers(), new(FirstWeek, "csat"));

        Assert.Equivalent(new ThemeFigures[] { new("dashboard", 1, 1.0, 1, 0, 0, null, ["Great dashboard."]) }, themes, strict: true);
    }

    [Fact]
    public async Task The_first_themes_only_and_none_in_an_empty_window()
    {
        Assert.Equal(["dashboard"], (await RunAsync(Answers(), new(FirstWeek, First: 1))).Select(t => t.Name));
        Assert.Empty(await RunAsync(Answers(), new(new DateWindow(Date(20), Date(27)))));
    }

    [Theory]
    [InlineData("ces", 5, "Unknown survey 'ces'")]
    [InlineData(null, 0, "Between 1 and 100 themes")]
    [InlineData(null, 101, "Between 1 and 100 themes")]
    public async Task Bad_arguments_are_clear_errors(string? survey, int first, string message)
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(new Story(), new(FirstWeek, survey, first)));
        Assert.Contains(message, error.Message);
    }
}
