extern alias api;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Analytics.Bench;

/// <summary>The whole server in the benchmark's process (in-memory HTTP), so GraphQL and direct calls share one engine.</summary>
internal sealed class InProcessServer : WebApplicationFactory<api::Program>
{
    private readonly IReadOnlyDictionary<string, string> settings;

    public InProcessServer(IReadOnlyDictionary<string, string> settings)
    {
        this.settings = settings;
        // The factory looks for the API's source folder by its assembly name; the built output is root enough here.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ANALYTICS_API", AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name, value);
        }
    }
}
