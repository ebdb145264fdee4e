using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Testing;

/// <summary>
/// The whole server in this process, on a database of its own in this process's engine, with the keys of
/// <see cref="HostSettings"/> (one per role). <typeparamref name="TEntryPoint"/> is the server's <c>Program</c>.
/// </summary>
public class InProcessHost<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly Dictionary<string, string> _settings;

    /// <param name="owner">Names the database (a test class's name).</param>
    /// <param name="extra">Settings over the defaults of <see cref="HostSettings.InProcess"/>.</param>
    public InProcessHost(string owner, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        _settings = HostSettings.InProcess(owner);
        foreach (var (name, value) in extra ?? [])
        {
            if (value is null)
            {
                _settings.Remove(name);
            }
            else
            {
                _settings[name] = value;
            }
        }
    }

    public IReadOnlyDictionary<string, string> Settings => _settings;

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

    /// <summary>Posts a GraphQL query and returns the status and the parsed body (default when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostGraphQLAsync(string query, object? variables, string? key)
    {
        using var client = ClientWith(key);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task DropDatabaseAsync() => await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
}
