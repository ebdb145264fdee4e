using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Storage;
using Analytics.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Reports.Tests.Support;

/// <summary>
/// The whole server in this process, listening on a real loopback port (Kestrel), on a database of its own, with its
/// own renderers: the messages these tests receive carry the real weekly executive PDF.
/// </summary>
internal sealed class ReportsHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "reports-admin-key";
    public const string ViewerKey = "reports-viewer-key";

    private readonly Dictionary<string, string?> _settings;

    public ReportsHost(string owner, IDictionary<string, string?>? extra = null)
    {
        _settings = new()
        {
            ["Storage:Path"] = TestEngine.DataPath,
            ["Storage:ChdbLibrary"] = TestEngine.LibraryPath,
            ["Storage:Database"] = TestEngine.UniqueDatabase(owner),
            ["Demo:Load"] = "false",
            ["Ingestion:Spool:Path"] = Path.Combine(Path.GetTempPath(), "analytics-tests", $"spool-{Guid.NewGuid():N}"),
            ["Reports:OutboxPath"] = Path.Combine(Path.GetTempPath(), "analytics-tests", $"outbox-{Guid.NewGuid():N}"),
            ["Reports:CatchUp"] = "false",
            ["Auth:Keys:0:Name"] = "admin",
            ["Auth:Keys:0:Sha256"] = Sha(AdminKey),
            ["Auth:Keys:0:Roles:0"] = "admin",
            ["Auth:Keys:1:Name"] = "viewer",
            ["Auth:Keys:1:Sha256"] = Sha(ViewerKey),
            ["Auth:Keys:1:Roles:0"] = "viewer",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }

        EngineKeepAlive.Ensure();
        UseKestrel(0);
    }

    public IClickHouseGateway Gateway => Services.GetRequiredService<IClickHouseGateway>();

    public string OutboxPath => _settings["Reports:OutboxPath"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public HttpClient ClientWith(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Posts a GraphQL query and returns the parsed body.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null, string key = AdminKey)
    {
        using var client = ClientWith(key);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DropDatabaseAsync() => await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");

    private static string Sha(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>In-process hosts start one after another (WebApplicationFactory finds its host through a process-wide listener).</summary>
[CollectionDefinition(Collection)]
public sealed class ReportsHosts
{
    public const string Collection = "reports hosts";
}
