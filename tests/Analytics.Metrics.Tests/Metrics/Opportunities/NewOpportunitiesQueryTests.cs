using Analytics.Metrics.Opportunities;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Opportunities;

public sealed class NewOpportunitiesQueryTests
{
    private static readonly DateWindow FirstWeek = new(Date(2), Date(9));

    /// <summary>
    /// In the first week of March: acme (on the "abm" list) opens a 50k deal on Monday at midnight and wins a 20k one
    /// it opened on Tuesday; globex (not on the list) opens one without an amount, and one of 50k on Friday. An
    /// opportunity created the Monday after and one created in February (won this week) are not new this week.
    /// "ghost" has no account record.
    /// </summary>
    private static Story Pipeline() => new Story()
        .Account("acme", owner: "ana", name: "Acme Corp").Account("globex", owner: "bo", name: "Globex")
        .OnList("abm", "acme")
        .Opportunity("o1", "acme", Day(2), null, "open", 50_000m, "new")
        .Opportunity("o2", "acme", Day(3, 9), Day(6), "won", 20_000m, "new")
        .Opportunity("o3", "globex", Day(4), null, "open", null)
        .Opportunity("o4", "globex", Day(6, 15), null, "open", 50_000m, "renewal")
        .Opportunity("o5", "ghost", Day(8, 23.5), Day(8, 23.9), "lost", 1_000m)
        .Opportunity("late", "acme", Day(9), null, "open", 99_000m)
        .Opportunity("old", "globex", Day(1).AddDays(-10), Day(4), "won", 10_000m);

    private static async Task<NewOpportunities> RunAsync(Story story, NewOpportunitiesRequest request)
    {
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(NewOpportunitiesQueryTests))).WithAsync(story);
        return await new NewOpportunitiesQuery(db.Gateway).RunAsync(request, default);
    }

    [Fact]
    public async Task New_opportunities_of_the_week_largest_first_with_their_accounts()
    {
        var result = await RunAsync(Pipeline(), new(FirstWeek, First: 10));

        Assert.Equivalent(new NewOpportunities(5, 121_000m,
        [
            new("o1", "acme", "Acme Corp", "ana", Day(2), "open", null, 50_000m, "new"),
            new("o4", "globex", "Globex", "bo", Day(6, 15), "open", null, 50_000m, "renewal"),
            new("o2", "acme", "Acme Corp", "ana", Day(3, 9), "won", null, 20_000m, "new"),
            new("o5", "ghost", null, null, Day(8, 23.5), "lost", null, 1_000m, null),
            new("o3", "globex", "Globex", "bo", Day(4), "open", null, null, null),
        ]), result, strict: true);
    }

    [Fact]
    public async Task Only_the_first_are_listed_but_all_are_counted()
    {
        var result = await RunAsync(Pipeline(), new(FirstWeek, First: 1));

        Assert.Equivalent(new NewOpportunities(5, 121_000m, [new("o1", "acme", "Acme Corp", "ana", Day(2), "open", null, 50_000m, "new")]), result, strict: true);
    }

    [Fact]
    public async Task A_target_list_keeps_its_accounts_opportunities()
    {
        var result = await RunAsync(Pipeline(), new(FirstWeek, "abm", First: 10));

        Assert.Equivalent(new NewOpportunities(2, 70_000m,
        [
            new("o1", "acme", "Acme Corp", "ana", Day(2), "open", null, 50_000m, "new"),
            new("o2", "acme", "Acme Corp", "ana", Day(3, 9), "won", null, 20_000m, "new"),
        ]), result, strict: true);
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(20, 27)]
    public async Task An_empty_window_has_no_count_no_amount_and_no_list(int from, int to)
    {
        var result = await RunAsync(Pipeline(), new(new DateWindow(Date(from), Date(to))));

        Assert.Equivalent(new NewOpportunities(0, null, []), result, strict: true);
    }

    [Fact]
    public async Task Opportunities_without_amounts_have_no_total()
    {
        var result = await RunAsync(new Story().Opportunity("x", "acme", Day(3), null, "open", null), new(FirstWeek));

        Assert.Equivalent(new NewOpportunities(1, null, [new("x", "acme", null, null, Day(3), "open", null, null, null)]), result, strict: true);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task First_is_bounded(int first)
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(Pipeline(), new(FirstWeek, First: first)));

        Assert.Equal($"Between 0 and 100 opportunities can be listed; {first} were asked.", error.Message);
    }

    [Fact]
    public async Task An_unknown_target_list_is_an_error()
    {
        var error = await Assert.ThrowsAsync<MetricArgumentException>(() => RunAsync(Pipeline(), new(FirstWeek, "nope")));

        Assert.Equal("There is no target list named 'nope'.", error.Message);
    }
}
