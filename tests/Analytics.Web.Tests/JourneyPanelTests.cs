namespace Analytics.Web.Tests;

/// <summary>
/// A marketer and an executive open their dashboards on the default window (the 28 days before today) of the demo: new
/// customers (the journey's CUSTOMER entries) and the cohort's conversions are not zero, and what the page shows is what
/// GraphQL answers. (Every other figure of every panel is compared by DashboardBrowserTests.)
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class JourneyPanelTests(DemoServer demo)
{
    private const string Figures = """
        query ($from: Date!, $to: Date!, $trendFrom: Date!) {
          journey(from: $from, to: $to) { stages { name atStart atEnd entered } }
          funnel(from: $trendFrom, to: $to, mode: COHORT, conversionWindowDays: 90) { stages { name accounts } }
        }
        """;

    [Theory]
    [InlineData("marketing", "headline", "journeyNow.stages[4].entered")]
    [InlineData("executive", "kpis", "journey.stages[4].entered")]
    public async Task The_default_window_shows_new_customers_and_cohort_conversions_as_graphql_gives_them(string dashboard, string kpiPanel, string newCustomersField)
    {
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-28);
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");
        await page.GotoAsync($"{demo.BaseUrl}/#/{dashboard}");
        await page.WaitForFunctionAsync($"() => document.body.dataset.complete === 'true' && document.body.dataset.window === '{Day(from)}/{Day(to)}'");

        var data = await demo.GraphQLAsync(Figures, new Dictionary<string, object?>
        {
            ["from"] = Day(from), ["to"] = Day(to), ["trendFrom"] = Day(to.AddDays(-84)),
        });
        var journey = data.GetProperty("journey").GetProperty("stages").EnumerateArray().ToList();
        var cohort = data.GetProperty("funnel").GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("accounts").GetInt32()).ToList();
        var newCustomers = journey[4].GetProperty("entered").GetInt32();

        Assert.True(newCustomers > 0, "the demo company should win customers in any four weeks");
        Assert.True(cohort[2] > 0 && cohort[3] > 0, $"the demo's 12-week cohort should convert: {string.Join(" → ", cohort)}");
        Assert.Equal(Text(newCustomers), await ValueAsync(page, $"[data-panel='{kpiPanel}'] .figure[data-field='{newCustomersField}']"));
        var shownJourney = await page.EvalOnSelectorAllAsync<string[]>("[data-panel='journey'] [data-field='entered']", "cells => cells.map(c => c.dataset.value)");
        Assert.Equal(journey.Select(s => Text(s.GetProperty("entered").GetInt32())), shownJourney);
        var shownCohort = await page.EvalOnSelectorAllAsync<string[]>("[data-panel='cohort'] [data-field='accounts']", "cells => cells.map(c => c.dataset.value)");
        Assert.Equal(cohort.Select(Text), shownCohort);
    }

    private static Task<string?> ValueAsync(IPage page, string selector) => page.GetAttributeAsync(selector, "data-value");

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
