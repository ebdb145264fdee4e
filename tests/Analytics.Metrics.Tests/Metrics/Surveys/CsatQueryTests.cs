using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Surveys;

public sealed class CsatQueryTests
{
    [Fact]
    public async Task Csat_is_the_share_of_fours_and_fives_per_month_and_tier()
    {
        var story = new Story()
            .Account("acme", "Software", "1").Account("globex", "Manufacturing", "2")
            .Answer("c1", "csat", Day(2), 5, "acme").Answer("c2", "csat", Day(3), 4, "acme").Answer("c3", "csat", Day(4), 3, "globex")
            .Answer("c4", "csat", Day(31, 1), 1, "unknown-account").Answer("n1", "nps", Day(4), 10, "acme");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(CsatQueryTests))).WithAsync(story);

        var result = await new CsatQuery(db.Gateway).RunAsync(new SurveyRequest(new(Date(1), Date(33)), Interval.Month, SurveyGroupBy.Tier), default);

        Assert.Equivalent(new CsatResult(
            new CsatFigures(4, 2, 50),
            [new(new DateOnly(2026, 3, 1), new CsatFigures(4, 2, 50)), new(new DateOnly(2026, 4, 1), new CsatFigures(0, 0, null))],
            [new("1", new CsatFigures(2, 2, 100)), new("2", new CsatFigures(1, 0, 0)), new(null, new CsatFigures(1, 0, 0))]),
            result, strict: true);
    }

    [Fact]
    public async Task An_empty_window_gives_a_null_score()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(CsatQueryTests));

        var result = await new CsatQuery(db.Gateway).RunAsync(new SurveyRequest(new(Date(1), Date(8)), Interval.Week), default);

        Assert.Equivalent(new CsatResult(
            new CsatFigures(0, 0, null),
            [new(new DateOnly(2026, 2, 23), new CsatFigures(0, 0, null)), new(Date(2), new CsatFigures(0, 0, null))], []), result, strict: true);
    }
}
