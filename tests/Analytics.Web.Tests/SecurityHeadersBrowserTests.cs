using Analytics.Reports.Dashboards;

namespace Analytics.Web.Tests;

/// <summary>
/// The UI under its security headers (the hardening issue's finding 8): every dashboard draws in Chromium with no
/// Content Security Policy violation, and a foreign page cannot frame it.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class SecurityHeadersBrowserTests(DemoServer demo)
{
    private static readonly DashboardCatalog Catalog = DashboardCatalog.Load(Path.Combine(DemoServer.RepositoryFolder(), "dashboards"));

    [Fact]
    public async Task Every_answer_carries_the_headers()
    {
        foreach (var path in new[] { "/", "/app.js", "/healthz" })
        {
            using var response = await demo.Server.Client.GetAsync(path);
            var headers = response.Headers;
            Assert.Equal("nosniff", string.Join(",", headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join(",", headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", string.Join(",", headers.GetValues("Referrer-Policy")));
            var policy = string.Join(",", headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_dashboard_draws_without_a_policy_violation()
    {
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        // Violations are reported to the page as events (and to the console); both are collected from the first script on.
        await context.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");

        foreach (var dashboard in Catalog.Dashboards)
        {
            await page.GotoAsync($"{demo.BaseUrl}/#/{dashboard.Id}");
            await page.WaitForFunctionAsync(
                $"() => document.body.dataset.complete === 'true' && document.querySelectorAll('[data-panel]').length === {dashboard.Panels.Count}",
                null, new() { Timeout = 60_000 });
            var violations = await page.EvaluateAsync<string[]>("window.__violations");
            Assert.True(violations.Length == 0, $"{dashboard.Id}: {string.Join("; ", violations)}");
        }

        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.True(await page.Locator("canvas").CountAsync() > 0, "charts should have been drawn under the policy");
    }
}
