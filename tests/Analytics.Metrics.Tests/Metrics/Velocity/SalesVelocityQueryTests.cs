using Analytics.Metrics.Velocity;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Velocity;

public sealed class SalesVelocityQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// Three deals won in the week (3.5, 13 and 1 days to close), one lost, two open at the week's end (one of them won
    /// only after it), one lost before the week. o1 was first imported as open and re-imported as won: it counts once, won.
    /// </summary>
    private static Story Pipeline() => new Story()
        .Account("acme", "Software", "1").Account("globex", "Manufacturing", "2").Account("initech", "Software", "1")
        .Opportunity("o1", "acme", Day(1), null, "open", 1000m, "new", updatedAt: Day(1))
        .Opportunity("o1", "acme", Day(1), Day(4, 12), "won", 1000m, "new", updatedAt: Day(5))
        .Opportunity("o2", "globex", Day(1).AddDays(-9), Day(5), "won", 3000m, "renewal")
        .Opportunity("o7", "initech", Day(2), Day(3), "won", 2000m, "new")
        .Opportunity("o3", "initech", Day(1), Day(6), "lost", 400m, "new")
        .Opportunity("o4", "globex", Day(5), null, "open", 500m, "renewal")
        .Opportunity("o5", "nobody", Day(1), Day(9), "won", 900m)
        .Opportunity("o6", "acme", Day(1).AddDays(-5), Day(1).AddDays(-1), "lost", 50m, "new");

    [Fact]
    public async Task Sales_velocity_of_a_week_with_groups_by_opportunity_type()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SalesVelocityQueryTests))).WithAsync(Pipeline());

        var result = await new SalesVelocityQuery(db.Gateway).RunAsync(new(FirstWeek, SalesGroupBy.OpportunityType), default);

        var meanDays = (3.5 + 13 + 1) / 3;
        Assert.Equivalent(new SalesVelocityResult(
            new SalesFigures(3, 1, 2, 0.75, 2000, meanDays, 3.5, 2 * 2000 * 0.75 / meanDays),
            [
                new("new", new SalesFigures(2, 1, 0, 2.0 / 3, 1500, 2.25, 2.25, 0)),
                new("renewal", new SalesFigures(1, 0, 1, 1, 3000, 13, 13, 1 * 3000 * 1.0 / 13)),
                new(null, new SalesFigures(0, 0, 1, null, null, null, null, null)),
            ]), result, strict: true);
    }

    [Fact]
    public async Task Accounts_without_attributes_group_under_null()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SalesVelocityQueryTests))).WithAsync(Pipeline());

        var result = await new SalesVelocityQuery(db.Gateway).RunAsync(new(FirstWeek, SalesGroupBy.Tier), default);

        Assert.Equal(["1", "2", null], result.Groups.Select(g => g.Key));
        Assert.Equal(new SalesFigures(0, 0, 1, null, null, null, null, null), result.Groups[2].Figures);
        Assert.Equal(new SalesFigures(2, 1, 0, 2.0 / 3, 1500, 2.25, 2.25, 0), result.Groups[0].Figures);
    }

    [Fact]
    public async Task An_empty_window_gives_null_figures()
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SalesVelocityQueryTests))).WithAsync(new Story());

        var result = await new SalesVelocityQuery(db.Gateway).RunAsync(new(FirstWeek, SalesGroupBy.Industry), default);

        Assert.Equivalent(new SalesVelocityResult(new SalesFigures(0, 0, 0, null, null, null, null, null), []), result, strict: true);
    }

    [Theory]
    [InlineData(new double[] { 4 }, 4.0)]
    [InlineData(new double[] { 1, 2 }, 1.5)]
    [InlineData(new double[] { 10, 1, 2, 3 }, 2.5)]
    [InlineData(new double[] { 0.5, 7, 3 }, 3.0)]
    public async Task Median_days_to_close_is_the_middle_or_the_mean_of_the_two_middle_values(double[] days, double median)
    {
        var story = new Story();
        for (var i = 0; i < days.Length; i++)
        {
            story.Opportunity($"o{i}", "acme", Day(8).AddDays(-days[i]), Day(8), "won", null);
        }

        await using var db = await (await MetricsDatabase.CreateAsync(nameof(SalesVelocityQueryTests))).WithAsync(story);

        var result = await new SalesVelocityQuery(db.Gateway).RunAsync(new(FirstWeek), default);

        // Amounts are missing, so the average deal size and the velocity are null, not 0.
        Assert.Equal(new SalesFigures(days.Length, 0, 0, 1, null, days.Average(), median, null), result.Figures);
    }
}
