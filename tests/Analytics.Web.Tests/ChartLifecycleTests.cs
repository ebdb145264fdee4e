namespace Analytics.Web.Tests;

/// <summary>
/// The UI's own housekeeping: redrawing a dashboard replaces its charts without keeping the old ones alive (Chart.js
/// registers every chart it makes), and amounts are written as the server is configured (Reports:CurrencySymbol).
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class ChartLifecycleTests(DemoServer demo)
{
    [Fact]
    public async Task Charts_replaced_by_a_redraw_are_destroyed()
    {
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");

        foreach (var days in new[] { 28, 21, 14, 7 })
        {
            var from = to.AddDays(-days);
            await page.GotoAsync($"{demo.BaseUrl}/#/marketing?from={Day(from)}&to={Day(to)}");
            await page.WaitForFunctionAsync($"() => document.body.dataset.complete === 'true' && document.body.dataset.window === '{Day(from)}/{Day(to)}'");
        }

        var canvases = await page.Locator("canvas").CountAsync();
        var charts = await page.EvaluateAsync<int>("Object.keys(Chart.instances).length");
        Assert.True(canvases > 0);
        Assert.Equal(canvases, charts);
    }

    [Fact]
    public async Task Amounts_are_written_with_the_configured_currency_symbol()
    {
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");
        await page.GotoAsync($"{demo.BaseUrl}/#/executive");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true' && location.hash.startsWith('#/executive')");

        var velocity = await page.Locator("[data-panel='kpis'] .figure[data-field='salesVelocity.velocityPerDay']").InnerTextAsync();
        Assert.StartsWith(DemoServer.CurrencySymbol, velocity.Trim().TrimStart('-'), StringComparison.Ordinal);
        Assert.DoesNotContain("$", await page.Locator("[data-panel='new-opportunities']").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
