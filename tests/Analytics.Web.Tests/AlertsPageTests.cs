using Xunit.Abstractions;

namespace Analytics.Web.Tests;

/// <summary>The admin's alerts page in the real browser: rules listed without their secrets, and deleted from there.</summary>
[Collection(DemoServerCollection.Name)]
public sealed class AlertsPageTests(DemoServer demo, ITestOutputHelper output)
{
    private const string Save = """
        mutation ($name: String!) {
          saveAlertRule(name: $name, kind: SURGE, factor: 1000, channel: SLACK, url: "https://hooks.slack.invalid/services/T0/B0/page-test-token") { id }
        }
        """;

    [Fact]
    public async Task The_alerts_page_lists_the_rules_without_secrets_and_deletes_one()
    {
        var name = $"Page test {Guid.NewGuid():N}"[..20];
        var id = (await demo.GraphQLAsync(Save, new Dictionary<string, object?> { ["name"] = name })).GetProperty("saveAlertRule").GetProperty("id").GetString()!;
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => output.WriteLine($"browser error: {error}");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.ClickAsync("#alerts-link");
        var row = page.Locator($"#alert-rules-table tr[data-rule='{id}']");
        await row.WaitForAsync();
        var cells = await row.Locator("td").AllTextContentsAsync();
        var folder = Directory.CreateDirectory(Path.Combine(DemoServer.ResultsFolder, "screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "admin-alerts.png"), FullPage = true });
        var html = await page.ContentAsync();

        await row.Locator("button").ClickAsync();
        await page.WaitForFunctionAsync($"() => !document.querySelector(\"#alert-rules-table tr[data-rule='{id}']\")", null, new() { Timeout = 30_000 });
        var rules = await demo.GraphQLAsync("{ alertRules { id } }", new Dictionary<string, object?>());

        Assert.Equal([name, "surge ≥ 1000×", "slack", "https://hooks.slack.invalid/…", "no", "yes"], cells.Take(6));
        Assert.DoesNotContain("page-test-token", html, StringComparison.Ordinal);
        Assert.DoesNotContain(rules.GetProperty("alertRules").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }
}
