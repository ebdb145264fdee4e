using Xunit.Abstractions;

namespace Analytics.Web.Tests;

/// <summary>
/// Sales works the detractor list in the real browser on the demo data: marking a follow-up contacted with a note moves
/// it from the open list to the contacted one, and the closed-loop figures follow.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class FollowUpPanelTests(DemoServer demo, ITestOutputHelper output)
{
    private const string Loop = "query ($from: Date!, $to: Date!) { closedLoop(from: $from, to: $to) { detractors contacted contactedWithin48Hours resolved } }";

    [Fact]
    public async Task Marking_a_follow_up_contacted_moves_it_and_the_closed_loop_figures_follow()
    {
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-28);
        var window = new Dictionary<string, object?> { ["from"] = Day(from), ["to"] = Day(to) };
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => output.WriteLine($"browser error: {error}");
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", DemoServer.SalesKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.GotoAsync($"{demo.BaseUrl}/#/sales?from={Day(from)}&to={Day(to)}");
        await page.WaitForFunctionAsync($"() => document.body.dataset.complete === 'true' && document.body.dataset.window === '{Day(from)}/{Day(to)}'");

        // A detractor who answered in the window and has not been contacted yet (the list is newest first; the demo's
        // answers of today are after the window, which ends at today's midnight).
        var before = (await demo.GraphQLAsync(Loop, window)).GetProperty("closedLoop");
        var open = await demo.GraphQLAsync("{ followUps(status: OPEN, first: 100) { id respondedAt } }", new Dictionary<string, object?>());
        var id = open.GetProperty("followUps").EnumerateArray()
            .First(f => string.CompareOrdinal(f.GetProperty("respondedAt").GetString(), Day(from)) >= 0
                && string.CompareOrdinal(f.GetProperty("respondedAt").GetString(), Day(to)) < 0).GetProperty("id").GetString()!;
        var row = page.Locator($"[data-panel='follow-ups-open'] td[data-actions-for='{id}']");
        await row.Locator("input.note").FillAsync("Called the head of support; fix promised for Friday.");
        await row.Locator("button[data-action='CONTACTED']").ClickAsync();
        await page.WaitForFunctionAsync(
            $"() => document.body.dataset.complete === 'true' && !document.querySelector(\"[data-panel='follow-ups-open'] td[data-actions-for='{id}']\") "
            + $"&& !!document.querySelector(\"[data-panel='follow-ups-contacted'] td[data-actions-for='{id}']\")",
            null, new() { Timeout = 30_000 });
        var after = (await demo.GraphQLAsync(Loop, window)).GetProperty("closedLoop");
        var folder = Directory.CreateDirectory(Path.Combine(DemoServer.ResultsFolder, "screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "sales-follow-up-contacted.png"), FullPage = true });

        Assert.Equal(before.GetProperty("detractors").GetInt32(), after.GetProperty("detractors").GetInt32());
        Assert.Equal(before.GetProperty("contacted").GetInt32() + 1, after.GetProperty("contacted").GetInt32());
        Assert.Equal(after.GetProperty("contacted").GetInt32().ToString(CultureInfo.InvariantCulture),
            await page.GetAttributeAsync("[data-panel='closed-loop'] .figure[data-field='closedLoop.contacted']", "data-value"));
        var note = await page.Locator($"[data-panel='follow-ups-contacted'] tr:has(td[data-actions-for='{id}']) td[data-field='note']").GetAttributeAsync("data-value");
        Assert.Equal("Called the head of support; fix promised for Friday.", note);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
