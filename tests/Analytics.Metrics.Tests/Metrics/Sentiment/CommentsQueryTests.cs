using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Sentiment;

public sealed class CommentsQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// acme (smb) loves its dashboard and reports, then finds the dashboard export crashing; globex (enterprise) finds
    /// the export broken and the pricing bad, then just mentions the pricing page. acme's CSAT praises onboarding. An
    /// anonymous answer at the week's first instant says "Dashboard."; an empty comment and one after the week do not count.
    /// </summary>
    private static Story Comments() => new Story()
        .Account("acme", "Software", "1").Account("globex", "Manufacturing", "2")
        .Answer("n7", "nps", Day(2), 7, comment: "Dashboard.")
        .Answer("n1", "nps", Day(3), 10, "acme", "smb", "Great dashboard, love the reports")
        .Answer("n2", "nps", Day(4), 3, "globex", "enterprise", "The export is broken and the pricing is bad")
        .Answer("c1", "csat", Day(4), 5, "acme", comment: "Easy onboarding")
        .Answer("n3", "nps", Day(5), 8, "globex", "enterprise", "Pricing page")
        .Answer("n5", "nps", Day(5), 9, "acme", "smb")
        .Answer("n4", "nps", Day(6), 6, "acme", "smb", "Not good: the dashboard export crashes")
        .Answer("n6", "nps", Day(9), 9, "acme", "smb", "Great pricing");

    private static async Task<CommentsResult> RunAsync(Story story, CommentsRequest request)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CommentsQueryTests))).WithAsync(story);
        return await new CommentsQuery(db.Gateway, await db.CommentTopicsAsync()).RunAsync(request, default);
    }

    [Fact]
    public async Task Comments_of_every_survey_by_sentiment_with_the_top_themes()
    {
        var result = await RunAsync(Comments(), new(FirstWeek, Themes: 3));

        Assert.Equivalent(new CommentsResult(
            new CommentFigures(6, 2, 2, 2, 0, [new("dashboard", 3), new("export", 2), new("pricing", 2)]), []), result, strict: true);
    }

    [Fact]
    public async Task Nps_comments_per_segment()
    {
        var result = await RunAsync(Comments(), new(FirstWeek, "nps", SurveyGroupBy.Segment, Themes: 2));

        Assert.Equivalent(new CommentsResult(
            new CommentFigures(5, 1, 2, 2, 0, [new("dashboard", 3), new("export", 2)]),
            [
                new("enterprise", new CommentFigures(2, 0, 1, 1, 0, [new("pricing", 2), new("export", 1)])),
                new("smb", new CommentFigures(2, 1, 0, 1, 0, [new("dashboard", 2), new("crashes", 1)])),
                new(null, new CommentFigures(1, 0, 1, 0, 0, [new("dashboard", 1)])),
            ]), result, strict: true);
    }

    [Fact]
    public async Task Comments_per_industry_of_the_answering_account()
    {
        var result = await RunAsync(Comments(), new(FirstWeek, "csat", SurveyGroupBy.Industry, Themes: 1));

        Assert.Equivalent(new CommentsResult(
            new CommentFigures(1, 1, 0, 0, 0, [new("onboarding", 1)]),
            [new("Software", new CommentFigures(1, 1, 0, 0, 0, [new("onboarding", 1)]))]), result, strict: true);
    }

    [Fact]
    public async Task An_empty_window_has_no_comment()
    {
        var result = await RunAsync(Comments(), new(new DateWindow(Date(20), Date(27)), GroupBy: SurveyGroupBy.Segment));

        Assert.Equivalent(new CommentsResult(new CommentFigures(0, 0, 0, 0, 0, []), []), result, strict: true);
    }

    [Fact]
    public async Task A_comment_in_a_language_VADER_does_not_cover_has_no_sentiment_but_its_themes()
    {
        var story = new Story()
            .Answer("n1", "nps", Day(2), 9, comment: "Great reports")
            .Answer("n2", "nps", Day(3), 4, comment: "报表加载太慢")
            .Answer("n3", "nps", Day(3), 5, comment: "Les rapports sont lents et la documentation est incomplète");

        var result = await RunAsync(story, new(FirstWeek, Themes: 5));

        Assert.Equivalent(new CommentsResult(new CommentFigures(3, 1, 0, 0, 2, [new("reports", 1), new("报表", 1)]), []), result, strict: true);
    }

    [Theory]
    [InlineData("ces", 5, "Unknown survey 'ces'")]
    [InlineData(null, 51, "Between 0 and 50 themes")]
    public async Task Bad_arguments_are_clear_errors(string? survey, int themes, string message)
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(new Story(), new(FirstWeek, survey, Themes: themes)));
        Assert.Contains(message, error.Message);
    }
}
