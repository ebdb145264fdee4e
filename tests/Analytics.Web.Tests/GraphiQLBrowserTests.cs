namespace Analytics.Web.Tests;

/// <summary>
/// Issue 17: GraphiQL at /graphql in Chromium: a person opens the URL, signs in with a key (kept for the tab only), runs a
/// query and sees the server's answer, all under the server's Content Security Policy.
/// </summary>
[Collection(DemoServerCollection.Name)]
public sealed class GraphiQLBrowserTests(DemoServer demo)
{
    [Fact]
    public async Task A_person_opens_graphql_signs_in_and_runs_a_query_in_GraphiQL()
    {
        var (from, to) = (DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-28).ToString("yyyy-MM-dd"), DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"));
        var query = $$"""{ funnel(from: "{{from}}", to: "{{to}}") { stages { name accounts } } }""";
        var expected = await demo.GraphQLAsync(query, new Dictionary<string, object?>());
        await using var context = await demo.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{demo.BaseUrl}/graphql");
        await page.WaitForFunctionAsync("() => !document.getElementById('sign-in').hidden");
        await page.FillAsync("#api-key", HostSettings.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror !== undefined");
        await page.EvaluateAsync("(query) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(query)", query);
        await page.ClickAsync(".graphiql-execute-button");
        var shown = await page.WaitForFunctionAsync("""
            () => {
              const text = document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
              return text.includes('"funnel"') ? text : null;
            }
            """, null, new() { Timeout = 60_000 });

        using var answer = JsonDocument.Parse(await shown.JsonValueAsync<string>());
        // GraphiQL indents the answer; compared as JSON.
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(answer.RootElement.GetProperty("data")));
        Assert.Contains("Signed in (admin)", await page.TextContentAsync("#who-name"), StringComparison.Ordinal);
        Assert.Equal(HostSettings.AdminKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('abm.apiKey')"));
        Assert.False(await page.EvaluateAsync<bool>($"() => Object.values(localStorage).some(v => v.includes('{HostSettings.AdminKey}'))"),
            "the key must be kept for the tab only, never in localStorage");
        var violations = await page.EvaluateAsync<string[]>("window.__violations");
        Assert.True(violations.Length == 0, string.Join("; ", violations));
    }
}
