using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Sentiment;

public sealed class SurveyCommentsQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// In the first week of March: globex (enterprise) gives NPS 2 and 6 with complaints, acme (smb) a 6 with a
    /// complaint and a 10 with praise, an anonymous 3 says nothing, and a CSAT 1 complains. A detractor's comment on
    /// the Monday after is outside the week; so is one in February.
    /// </summary>
    private static Story Answers() => new Story()
        .Account("acme", name: "Acme Corp").Account("globex", name: "Globex")
        .Answer("n1", "nps", Day(3, 10), 2, "globex", "enterprise", "Exports keep failing.")
        .Answer("n2", "nps", Day(5, 11), 6, "acme", "smb", "Too expensive for what it does.")
        .Answer("n3", "nps", Day(6, 12), 6, "globex", "enterprise", "Support was slow.")
        .Answer("n4", "nps", Day(4), 10, "acme", "smb", "Love it.")
        .Answer("n5", "nps", Day(4), 3)
        .Answer("c1", "csat", Day(2), 1, "acme", comment: "Onboarding was confusing.")
        .Answer("n6", "nps", Day(9), 0, "acme", "smb", "Next week's complaint.")
        .Answer("n7", "nps", Day(1).AddDays(-3), 0, "acme", "smb", "February's complaint.");

    private static async Task<IReadOnlyList<SurveyComment>> RunAsync(Story story, SurveyCommentsRequest request)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SurveyCommentsQueryTests))).WithAsync(story);
        return await new SurveyCommentsQuery(db.Gateway).RunAsync(request, default);
    }

    [Fact]
    public async Task Detractor_comments_lowest_score_first_then_newest()
    {
        var result = await RunAsync(Answers(), new(FirstWeek, "nps", MaxScore: 6));

        Assert.Equivalent(new SurveyComment[]
        {
            new("n1", "nps", Day(3, 10), 2, "Exports keep failing.", "globex", "Globex", "enterprise"),
            new("n3", "nps", Day(6, 12), 6, "Support was slow.", "globex", "Globex", "enterprise"),
            new("n2", "nps", Day(5, 11), 6, "Too expensive for what it does.", "acme", "Acme Corp", "smb"),
        }, result, strict: true);
    }

    [Fact]
    public async Task Every_comment_of_both_surveys_when_nothing_is_filtered()
    {
        var result = await RunAsync(Answers(), new(FirstWeek, First: 3));

        Assert.Equivalent(new SurveyComment[]
        {
            new("c1", "csat", Day(2), 1, "Onboarding was confusing.", "acme", "Acme Corp", null),
            new("n1", "nps", Day(3, 10), 2, "Exports keep failing.", "globex", "Globex", "enterprise"),
            new("n3", "nps", Day(6, 12), 6, "Support was slow.", "globex", "Globex", "enterprise"),
        }, result, strict: true);
    }

    [Theory]
    [InlineData(10, 11, null)]
    [InlineData(2, 9, 1)]
    public async Task A_window_without_matching_comments_is_empty(int from, int to, int? maxScore)
    {
        var result = await RunAsync(Answers(), new(new DateWindow(Date(from), Date(to)), "nps", maxScore));

        Assert.Empty(result);
    }

    [Theory]
    [InlineData("pulse", null, 10, "Unknown survey 'pulse'; it is nps or csat, or absent for both.")]
    [InlineData("nps", -1, 10, "The maximum score cannot be negative; -1 was asked.")]
    [InlineData("nps", 6, 101, "Between 0 and 100 comments can be listed; 101 were asked.")]
    public async Task Bad_requests_are_refused_with_a_reason(string survey, int? maxScore, int first, string message)
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(new Story(), new(FirstWeek, survey, maxScore, first)));

        Assert.Equal(message, error.Message);
    }
}
