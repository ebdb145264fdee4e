namespace Analytics.Web.Tests;

/// <summary>
/// The customers dashboard on its default window (the 28 days before today) of the demo: NPS with its answers and a
/// verdict on its change, NPS by segment with the answers beside each score, a rolling trend with answers in every
/// week, and the themes; each as GraphQL gives it. (DashboardBrowserTests compares every other figure.)
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class VoicePanelTests(DemoServer demo)
{
    private const string Figures = """
        query ($from: Date!, $to: Date!, $previousFrom: Date!, $previousTo: Date!, $trendFrom: Date!) {
          nps(from: $from, to: $to, groupBy: SEGMENT) { responses score groups { key responses } }
          npsComparison(from: $from, to: $to, previousFrom: $previousFrom, previousTo: $previousTo) { verdict }
          trend: nps(from: $trendFrom, to: $to, interval: WEEK, rollingDays: 28) { trend { responses } }
          themes(from: $from, to: $to, first: 10) { name }
        }
        """;

    [Fact]
    public async Task The_default_window_shows_nps_with_its_answers_its_verdict_and_segments()
    {
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-28);
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");
        await page.GotoAsync($"{demo.BaseUrl}/#/customers");
        await page.WaitForFunctionAsync($"() => document.body.dataset.complete === 'true' && document.body.dataset.window === '{Day(from)}/{Day(to)}'");

        var data = await demo.GraphQLAsync(Figures, new Dictionary<string, object?>
        {
            ["from"] = Day(from), ["to"] = Day(to), ["previousFrom"] = Day(from.AddDays(-28)), ["previousTo"] = Day(from), ["trendFrom"] = Day(to.AddDays(-84)),
        });
        var nps = data.GetProperty("nps");
        var verdict = data.GetProperty("npsComparison").GetProperty("verdict").GetString();
        var segments = nps.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("responses").GetInt32()).ToList();

        Assert.True(nps.GetProperty("responses").GetInt32() >= 30, "the demo's monthly survey should give four weeks a real sample");
        Assert.Contains(verdict, new[] { "significant", "within the margin" });
        Assert.Equal(3, segments.Count);
        Assert.All(data.GetProperty("trend").GetProperty("trend").EnumerateArray(), p => Assert.True(p.GetProperty("responses").GetInt32() > 0));
        Assert.Equal(Text(nps.GetProperty("responses").GetInt32()), await page.GetAttributeAsync("[data-panel='headline'] .figure[data-field='nps.responses']", "data-value"));
        Assert.Equal(verdict, await page.GetAttributeAsync("[data-panel='headline'] .figure[data-field='change.verdict']", "data-value"));
        var shown = await page.EvalOnSelectorAllAsync<string[]>("[data-panel='nps-segments'] [data-field='responses']", "cells => cells.map(c => c.dataset.value)");
        Assert.Equal(segments.Select(Text), shown);

        // What comments talk about: real topics, as GraphQL lists them.
        var themes = data.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.True(themes.Count >= 5, $"the demo's comments of four weeks should have topics; found {themes.Count}");
        Assert.Equal(themes, await page.EvalOnSelectorAllAsync<string[]>("[data-panel='themes'] [data-field='name']", "cells => cells.map(c => c.dataset.value)"));
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
