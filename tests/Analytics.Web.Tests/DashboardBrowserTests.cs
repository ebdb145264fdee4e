using System.Diagnostics;
using Analytics.Reports.Dashboards;
using Xunit.Abstractions;

namespace Analytics.Web.Tests;

/// <summary>
/// Every dashboard of dashboards/*.json in the real browser on the demo data: it loads, its numbers equal the GraphQL
/// results for the same variables, a new date range changes them and the URL, a CSV export holds the rows shown, a
/// drill-down shows its row. Load and date-change times are printed (not asserted); screenshots go to
/// TestResults/screenshots.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class DashboardBrowserTests(DemoServer demo, ITestOutputHelper output)
{
    private static readonly DashboardCatalog Catalog = DashboardCatalog.Load(Path.Combine(DemoServer.RepositoryFolder(), "dashboards"));

    public static TheoryData<string> Dashboards() => new(Catalog.Dashboards.Select(d => d.Id));

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task A_dashboard_shows_the_graphql_figures_and_follows_its_filters(string id)
    {
        var dashboard = Catalog.Find(id)!;
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, HostSettings.AdminKey);

        // Load: a fresh page (the key is kept in the tab's session) until every panel is drawn.
        var (from, to) = (Today.AddDays(-28), Today);
        await page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{demo.BaseUrl}/#/{id}?from={Day(from)}&to={Day(to)}");
        await CompleteAsync(page, from, to);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(dashboard.Title, await page.TextContentAsync("#dashboard-title"));
        await AssertFiguresAsync(page, dashboard, from, to);
        await ScreenshotAsync(page, $"{id}-laptop");

        // A new range: the URL and the figures follow.
        var before = await AllFiguresAsync(page);
        var earlier = from.AddDays(-14);
        clock.Restart();
        await page.FillAsync("#filter-from", Day(earlier));
        await page.DispatchEventAsync("#filter-from", "change");
        await CompleteAsync(page, earlier, to);
        var changeMs = clock.Elapsed.TotalMilliseconds;
        Report($"{id}: complete on screen {loadMs:F0} ms after navigation; {changeMs:F0} ms after a date change ({dashboard.Panels.Count} panels)");
        Assert.Contains($"from={Day(earlier)}", page.Url, StringComparison.Ordinal);
        await AssertFiguresAsync(page, dashboard, earlier, to);
        Assert.NotEqual(before, await AllFiguresAsync(page));

        foreach (var panel in dashboard.Panels.Where(p => p.Export is not null))
        {
            await AssertExportHoldsTheRowsShownAsync(page, panel);
        }

        foreach (var panel in dashboard.Panels.Where(p => p.Select is not null))
        {
            await AssertDrillDownAsync(page, dashboard, panel, earlier, to);
        }

        // Charts follow a new width on their own schedule (a ResizeObserver): wait until nothing sticks out, then look.
        const string Overflowing = """
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement.closest('.scroll, .visually-hidden'))
              .slice(0, 5).map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            """;
        await page.SetViewportSizeAsync(390, 844);
        try
        {
            await page.WaitForFunctionAsync($"() => ({Overflowing})().length === 0", null, new() { Timeout = 10_000 });
        }
        catch (Microsoft.Playwright.PlaywrightException)
        {
            // The assertion below names what sticks out.
        }

        var overflowing = await page.EvaluateAsync<string[]>(Overflowing);
        Assert.True(overflowing.Length == 0, $"the page is wider than a phone: {string.Join(", ", overflowing)}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
        await ScreenshotAsync(page, $"{id}-phone");
    }

    [Fact]
    public async Task The_target_list_picker_offers_every_list_and_the_one_chosen_filters_every_panel()
    {
        var dashboard = Catalog.Find("marketing")!;
        var (context, page, from, to) = await OpenAsync(dashboard.Id);
        await using var tab = context;

        var lists = (await demo.GraphQLAsync("{ targetLists { name accounts kind } }", new Dictionary<string, object?>())).GetProperty("targetLists")
            .EnumerateArray().Select(l => (Name: l.GetProperty("name").GetString()!, Accounts: l.GetProperty("accounts").GetInt32(), Kind: l.GetProperty("kind").GetString())).ToList();
        var offered = await page.EvalOnSelectorAllAsync<string[]>("#filter-targetList option", "options => options.map(o => o.value)");
        // Imported lists first, then rule lists (another test of the day's demo server may have saved one).
        Assert.Equal(["", .. lists.Where(l => l.Kind == "IMPORTED").Select(l => l.Name), .. lists.Where(l => l.Kind == "RULE").Select(l => l.Name)], offered);

        await AssertChoosingFiltersEveryPanelAsync(page, dashboard, from, to, "targetList", "targetList", lists.First(l => l.Accounts > 0).Name);
        await ScreenshotAsync(page, $"{dashboard.Id}-target-list");
    }

    /// <summary>
    /// An admin's rule list (the accounts that scored in the last 90 days) is offered in the picker's "Rules" group, apart
    /// from the imported lists, filters every panel as an imported list does, and the admin page of target lists shows
    /// its rule in words and the accounts that joined it.
    /// </summary>
    [Fact]
    public async Task The_target_list_picker_groups_imported_and_rule_lists_and_a_rule_list_filters_every_panel()
    {
        // The demo folder (and what is saved in it) lives on for the day: a name of this run's own.
        var name = $"Scored lately {Guid.NewGuid():N}"[..22];
        var saved = (await demo.GraphQLAsync(
                "mutation ($name: String!) { saveTargetListRule(name: $name, rule: { anyOf: [{ minScore: 10, scoreWindowDays: 90 }] }) { accounts } }",
                new Dictionary<string, object?> { ["name"] = name }))
            .GetProperty("saveTargetListRule").GetProperty("accounts").GetInt32();
        try
        {
            var dashboard = Catalog.Find("marketing")!;
            var (context, page, from, to) = await OpenAsync(dashboard.Id);
            await using var tab = context;

            Assert.True(saved > 0);
            Assert.Equal(["Imported", "Rules"], await page.EvalOnSelectorAllAsync<string[]>("#filter-targetList optgroup", "groups => groups.map(g => g.label)"));
            Assert.Equal($"{name} ({saved:N0} accounts)", await page.Locator($"#filter-targetList optgroup[label=Rules] option[value='{name}']").TextContentAsync());
            Assert.Empty(await page.EvalOnSelectorAllAsync<string[]>(
                "#filter-targetList optgroup[label=Imported] option", $"options => options.filter(o => o.value === '{name}').map(o => o.value)"));
            await AssertChoosingFiltersEveryPanelAsync(page, dashboard, from, to, "targetList", "targetList", name);
            await ScreenshotAsync(page, $"{dashboard.Id}-rule-list");

            await page.ClickAsync("#admin-lists-link");
            var section = page.Locator($"#lists section.rule-list[data-list='{name}']");
            await section.WaitForAsync();
            await ScreenshotAsync(page, "admin-lists");
            Assert.Equal("Members: accounts with a score of at least 10 over the last 90 days.", await section.Locator("p.rule").TextContentAsync());
            Assert.Equal(Math.Min(saved, 20), await section.Locator("tr[data-joined=true]").CountAsync());
            Assert.Equal("rule", await page.Locator($"#lists-table tr[data-list='{name}'] td").Nth(1).TextContentAsync());
        }
        finally
        {
            await demo.GraphQLAsync("mutation ($name: String!) { deleteTargetListRule(name: $name) { name } }", new Dictionary<string, object?> { ["name"] = name });
        }
    }

    [Fact]
    public async Task The_tier_and_owner_pickers_offer_every_current_value_and_a_chosen_tier_filters_every_panel()
    {
        var dashboard = Catalog.Find("sales")!;
        var (context, page, from, to) = await OpenAsync(dashboard.Id);
        await using var tab = context;

        // What the accounts hold, read apart from the dashboards: every account of the engaged list over a long window.
        var accounts = (await demo.GraphQLAsync(
                "query ($from: Date!, $to: Date!) { engagedAccounts(from: $from, to: $to, minScore: 0, first: 500) { edges { node { tier owner } } } }",
                new Dictionary<string, object?> { ["from"] = Day(Today.AddDays(-365)), ["to"] = Day(Today.AddDays(1)) }))
            .GetProperty("engagedAccounts").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        foreach (var (variable, field) in new[] { ("tier", "tier"), ("owner", "owner") })
        {
            var offered = await page.EvalOnSelectorAllAsync<string[]>($"#filter-{variable} option", "options => options.map(o => o.value)");
            var held = accounts.Select(a => a.GetProperty(field).GetString()).OfType<string>().Where(v => v.Length > 0).ToHashSet();
            Assert.Equal("", offered[0]);
            Assert.NotEmpty(held);
            Assert.Superset(held, offered.Skip(1).ToHashSet());
            Assert.Equal(offered.Skip(1).Order(StringComparer.Ordinal), offered.Skip(1));
        }

        var chosen = (await page.EvalOnSelectorAllAsync<string[]>("#filter-tier option", "options => options.map(o => o.value)"))[1];
        await AssertChoosingFiltersEveryPanelAsync(page, dashboard, from, to, "tier", "filter_tier", chosen);
        var tiers = (await FiguresAsync(page, "engaged")).Where(f => f.Field == "node.tier").Select(f => f.Value).ToList();
        Assert.NotEmpty(tiers);
        Assert.All(tiers, t => Assert.Equal(chosen, t));
    }

    [Fact]
    public async Task Sign_in_refuses_an_unknown_key_and_a_viewer_sees_only_viewer_dashboards()
    {
        await using var context = await demo.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForSelectorAsync("#sign-in-error:has-text('not known')");

        await SignInAsync(page, HostSettings.ViewerKey);
        var offered = await page.EvalOnSelectorAllAsync<string[]>("#dashboard-picker option", "options => options.map(o => o.value)");
        Assert.Equal(Catalog.Dashboards.Where(d => d.Role == DashboardRole.Viewer).Select(d => d.Id), offered);

        // Every control has a label a screen reader announces.
        var unlabelled = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('input, select, button')]
              .filter(e => !e.closest('[hidden]') && !(e.labels?.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
              .map(e => e.id || e.outerHTML)
            """);
        Assert.Empty(unlabelled);
    }

    /// <summary>
    /// The admin page of API keys: an admin creates a key (its secret shown once), the key works and is listed, and a
    /// revocation in the page refuses it; a viewer sees no link to the page.
    /// </summary>
    [Fact]
    public async Task An_admin_creates_and_revokes_a_key_in_the_page()
    {
        var (context, page, _, _) = await OpenAsync("marketing");
        await using var tab = context;
        Assert.True(await page.IsVisibleAsync("#admin-link"));
        await page.ClickAsync("#admin-link");
        await page.WaitForSelectorAsync("#keys-table tbody tr");

        // The demo folder (and its keys) lives on for the day: a name of this run's own.
        var name = $"Browser test key {Guid.NewGuid():N}"[..25];
        await page.FillAsync("#key-name", name);
        await page.CheckAsync("#create-key input[value=sales]");
        await page.ClickAsync("#create-key button[type=submit]");
        var secret = (await page.Locator("#new-key-secret").TextContentAsync())!;
        var row = page.Locator("#keys-table tbody tr", new() { HasText = name });
        await row.WaitForAsync();
        var keyId = (await row.GetAttributeAsync("data-key"))!;
        await ScreenshotAsync(page, "admin-keys");

        Assert.StartsWith("abm_", secret, StringComparison.Ordinal);
        Assert.Equal([name, keyId, "viewer, sales", "managed"], (await row.Locator("td").AllTextContentsAsync()).Take(4));
        Assert.Equal(System.Net.HttpStatusCode.OK, await demo.StatusAsync("/v1/me", secret));

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.Locator("button.revoke").ClickAsync();
        await page.Locator($"#keys-table tbody tr[data-key='{keyId}'] button.revoke").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await demo.StatusAsync("/v1/me", secret));

        var viewer = await context.NewPageAsync();
        await SignInAsync(viewer, HostSettings.ViewerKey);
        Assert.False(await viewer.IsVisibleAsync("#admin-link"));
    }

    private async Task SignInAsync(IPage page, string key)
    {
        page.Console += (_, message) => output.WriteLine($"browser {message.Type}: {message.Text}");
        page.PageError += (_, error) => output.WriteLine($"browser error: {error}");
        await page.GotoAsync($"{demo.BaseUrl}/");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.body.dataset.complete === 'true'");
    }

    private static Task CompleteAsync(IPage page, DateOnly from, DateOnly to) =>
        page.WaitForFunctionAsync(
            $"() => document.body.dataset.complete === 'true' && document.body.dataset.window === '{Day(from)}/{Day(to)}'",
            null, new() { Timeout = 60_000 });

    /// <summary>
    /// Chooses <paramref name="value"/> in the picker of <paramref name="variable"/> and waits until the page has drawn it
    /// (its body's <paramref name="drawnAs"/> data attribute holds the value); then the URL keeps it, every panel shows
    /// GraphQL's figures for it, and the figures changed.
    /// </summary>
    private async Task AssertChoosingFiltersEveryPanelAsync(
        IPage page, DashboardDefinition dashboard, DateOnly from, DateOnly to, string variable, string drawnAs, string value)
    {
        var before = await AllFiguresAsync(page);
        await page.SelectOptionAsync($"#filter-{variable}", value);
        await page.WaitForFunctionAsync(
            $"value => document.body.dataset.complete === 'true' && document.body.dataset.{drawnAs} === value", value, new() { Timeout = 60_000 });

        Assert.Contains($"{variable}={Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal)}", page.Url, StringComparison.Ordinal);
        await AssertFiguresAsync(page, dashboard, from, to, new Dictionary<string, object?> { [variable] = value });
        Assert.NotEqual(before, await AllFiguresAsync(page));
    }

    /// <summary>A new signed-in tab at a laptop's size, with dashboard <paramref name="id"/> drawn for the last 28 days.</summary>
    private async Task<(IBrowserContext Context, IPage Page, DateOnly From, DateOnly To)> OpenAsync(string id)
    {
        var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, HostSettings.AdminKey);
        var (from, to) = (Today.AddDays(-28), Today);
        await page.GotoAsync($"{demo.BaseUrl}/#/{id}?from={Day(from)}&to={Day(to)}");
        await CompleteAsync(page, from, to);
        return (context, page, from, to);
    }

    private async Task AssertFiguresAsync(IPage page, DashboardDefinition dashboard, DateOnly from, DateOnly to, IReadOnlyDictionary<string, object?>? extra = null)
    {
        foreach (var panel in dashboard.Panels)
        {
            Assert.Equal("done", await page.GetAttributeAsync($"[data-panel='{panel.Id}']", "data-state"));
            var variables = PanelFigures.Variables(panel, from, to, extra);
            var waiting = dashboard.Panels.Any(p => p.Select?.Variable is { } v && variables.ContainsKey(v) && variables[v] is null);
            var expected = waiting ? [] : PanelFigures.Expected(panel, await demo.GraphQLAsync(panel.Query, variables));
            var shown = await FiguresAsync(page, panel.Id);
            Assert.True(
                expected.Count == shown.Count && expected.Zip(shown).All(p => p.First.Field == p.Second.Field && PanelFigures.Same(p.First.Value, p.Second.Value)),
                $"panel '{panel.Id}' shows [{string.Join(", ", shown.Take(12))}] ({shown.Count}), GraphQL gives [{string.Join(", ", expected.Take(12))}] ({expected.Count})");
        }
    }

    private async Task AssertExportHoldsTheRowsShownAsync(IPage page, PanelDefinition panel)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-panel='{panel.Id}'] button.export"));
        var csv = CsvTable.Read(await File.ReadAllTextAsync((await download.PathAsync())!));
        var rows = csv.Column("account_id");
        var shown = panel.Select is not null
            ? await page.EvalOnSelectorAllAsync<string[]>($"[data-panel='{panel.Id}'] button[data-select]", "b => b.map(x => x.dataset.select)")
            : [];
        Assert.NotEmpty(rows);
        Assert.Equal(shown, rows);
        var names = (await FiguresAsync(page, panel.Id)).Where(f => f.Field == "node.name").Select(f => f.Value).ToList();
        Assert.Equal(names, csv.Column("name"));
        Report($"{panel.Id}: the CSV export holds the {rows.Count} rows shown");
    }

    private async Task AssertDrillDownAsync(IPage page, DashboardDefinition dashboard, PanelDefinition panel, DateOnly from, DateOnly to)
    {
        var select = panel.Select!;
        var button = page.Locator($"[data-panel='{panel.Id}'] button[data-select]").First;
        var chosen = (await button.GetAttributeAsync("data-select"))!;
        await button.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"{select.Variable}={Uri.EscapeDataString(chosen)}", StringComparison.Ordinal));
        await CompleteAsync(page, from, to);
        await AssertFiguresAsync(page, dashboard, from, to, new Dictionary<string, object?> { [select.Variable] = chosen });
        Assert.NotEmpty(await FiguresAsync(page, select.Panel));
        await ScreenshotAsync(page, $"{dashboard.Id}-{select.Panel}");
    }

    private static async Task<List<(string Field, string Value)>> FiguresAsync(IPage page, string panel)
    {
        var cells = await page.EvalOnSelectorAllAsync<string[][]>(
            $"[data-panel='{panel}'] [data-value]", "cells => cells.map(c => [c.dataset.field, c.dataset.value])");
        return cells.Select(c => (c[0], c[1])).ToList();
    }

    private static async Task<string> AllFiguresAsync(IPage page) =>
        string.Join("|", await page.EvalOnSelectorAllAsync<string[]>("[data-value]", "cells => cells.map(c => c.dataset.value)"));

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(DemoServer.ResultsFolder, "screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(DemoServer.ResultsFolder, "dashboard-timings.txt"), $"{DateTime.UtcNow:O} {line}\n");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
