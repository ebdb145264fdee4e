using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Analytics.Web.Tests;

/// <summary>
/// The real server on the demo data set (loaded through its own ingestion endpoints on first start, then written to
/// storage), and Debian's Chromium driven headless by Playwright; shared by every browser test.
/// </summary>
/// <remarks>
/// The demo folder is kept under the project's TestResults and reused while its data is from today (UTC), since the
/// demo company's year ends on the day it was made; otherwise it is loaded afresh (about a minute and a half).
/// </remarks>
public sealed class DemoServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => $"http://127.0.0.1:{Server.Port}";

    public static string ResultsFolder => Directory.CreateDirectory(Path.Combine(ProjectFolder(), "TestResults")).FullName;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(ResultsFolder, "demo-data");
        var marker = Path.Combine(data, ".demo-loaded");
        if (Directory.Exists(data) && (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker).Date != DateTime.UtcNow.Date))
        {
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        var settings = HostSettings.Embedded(data);
        settings["Demo:Load"] = "true";
        // Not the defaults, so a test can see the UI follow the server's configuration.
        settings["Reports:CurrencySymbol"] = CurrencySymbol;
        settings["Reports:Locale"] = "en-GB";
        settings["ANALYTICS_ADMIN_KEY"] = HostSettings.AdminKey; // the demo loader talks to the server with it
        settings["Auth:Keys:3:Name"] = "tests-sales";
        settings["Auth:Keys:3:Sha256"] = HostSettings.Sha256(SalesKey);
        settings["Auth:Keys:3:Roles:0"] = "sales";
        Server = await ServerProcess.StartAsync(settings);
        await WaitForDemoAsync(marker, TimeSpan.FromMinutes(4));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public const string SalesKey = "sales-key-for-web-tests";

    public const string CurrencySymbol = "€";

    /// <summary>Runs a query as the admin; the result's <c>data</c>, or a failure with the errors.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, IReadOnlyDictionary<string, object?> variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
        using var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out _), body.GetRawText());
        return body.GetProperty("data").Clone();
    }

    /// <summary>The status of a GET of <paramref name="path"/> with <paramref name="key"/>.</summary>
    public async Task<System.Net.HttpStatusCode> StatusAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Server.Client.SendAsync(request);
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.StopAsync();
            await Server.DisposeAsync();
        }
    }

    private async Task WaitForDemoAsync(string marker, TimeSpan timeout)
    {
        try
        {
            // Loaded through the endpoints (the marker), then stored: nothing left in the spool.
            await Eventually.MatchAsync("the demo data set to be loaded and stored",
                async () => File.Exists(marker) ? await Server.Client.GetStringAsync("/healthz") : "not loaded yet (no marker)",
                health => health.Contains("\"spool backlog 0 bytes\"", StringComparison.Ordinal), timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Server.Output[^Math.Min(4000, Server.Output.Length)..]}", e);
        }
    }

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.Web.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Analytics.Web.Tests.csproj not found above the test folder.");
    }

    public static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Analytics.sln not found above the test folder.");
    }
}

[CollectionDefinition(Name)]
public sealed class DemoServerCollection : ICollectionFixture<DemoServer>
{
    public const string Name = "demo server and browser";
}
