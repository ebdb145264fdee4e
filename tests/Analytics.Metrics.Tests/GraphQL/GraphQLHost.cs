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

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>The whole server in this process, on a database of its own in this process's engine, with one key per role.</summary>
internal sealed class GraphQLHost : WebApplicationFactory<Program>
{
    public const string ViewerKey = "viewer-key";
    public const string SalesKey = "sales-key";
    public const string AdminKey = "admin-key";
    public const string IngestKey = "ingest-key";

    private readonly Dictionary<string, string?> _settings;

    public GraphQLHost(string owner, IDictionary<string, string?>? extra = null)
    {
        _settings = new()
        {
            ["Storage:Path"] = TestEngine.DataPath,
            ["Storage:ChdbLibrary"] = TestEngine.LibraryPath,
            ["Storage:Database"] = TestEngine.UniqueDatabase(owner),
            ["Demo:Load"] = "false",
            ["Ingestion:Spool:Path"] = Path.Combine(Path.GetTempPath(), "analytics-tests", $"spool-{Guid.NewGuid():N}"),
        };
        string[] keys = [ViewerKey, SalesKey, AdminKey, IngestKey];
        string[] roles = ["viewer", "sales", "admin", "ingest"];
        for (var i = 0; i < keys.Length; i++)
        {
            _settings[$"Auth:Keys:{i}:Name"] = roles[i];
            _settings[$"Auth:Keys:{i}:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])));
            _settings[$"Auth:Keys:{i}:Roles:0"] = roles[i];
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }
    }

    public IClickHouseGateway Gateway => Services.GetRequiredService<IClickHouseGateway>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public HttpClient ClientWith(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Posts a query and returns the status and the parsed body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> QueryAsync(string query, object? variables = null, string key = AdminKey)
    {
        using var client = ClientWith(key);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task DropDatabaseAsync() => await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
}

/// <summary>
/// In-process hosts start one after another: WebApplicationFactory finds the host being built through a process-wide
/// diagnostic listener, so two hosts building at once may catch each other's.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class GraphQLHosts
{
    public const string Collection = "graphql hosts";
}
