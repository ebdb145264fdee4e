using Analytics.Api.Hosting;
using Analytics.Storage.Schema;

namespace Analytics.Api.Tests;

/// <summary>The server as a whole: health, metrics, API keys and roles, clean stops.</summary>
public sealed class HostTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(HostSettings.NewDataFolder()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Healthz_answers_200_when_the_engine_answers_and_the_schema_is_current()
    {
        using var response = await _server.Client.GetAsync("/healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Embedded engine answers; schema current", body.GetProperty("checks").GetProperty("storage").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Metrics_are_served_in_Prometheus_text_format()
    {
        await _server.Client.GetAsync("/healthz");

        using var response = await _server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/healthz\"", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);
    }

    public static TheoryData<string?, HttpStatusCode> StorageStatsAccess() => new()
    {
        { null, HttpStatusCode.Unauthorized },
        { "Bearer not-a-key", HttpStatusCode.Unauthorized },
        { "Bearer " + HostSettings.ViewerKey, HttpStatusCode.Forbidden },
        { "Bearer " + HostSettings.IngestKey, HttpStatusCode.Forbidden },
        { "Bearer " + HostSettings.AdminKey, HttpStatusCode.OK },
        { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(HostSettings.AdminKey + ":")), HttpStatusCode.OK },
        { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(HostSettings.ViewerKey + ":")), HttpStatusCode.Forbidden },
        // The key as the password, as webhook URLs with credentials carry it (https://sendgrid:KEY@host/...).
        { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:" + HostSettings.AdminKey)), HttpStatusCode.OK },
        { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:not-a-key")), HttpStatusCode.Unauthorized },
        { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":")), HttpStatusCode.Unauthorized },
        { "Token " + HostSettings.AdminKey, HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(StorageStatsAccess))]
    public async Task An_admin_endpoint_takes_only_an_admin_key(string? authorization, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/storage");
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(HostSettings.ViewerKey, "tests-viewer", "viewer")]
    [InlineData(HostSettings.IngestKey, "tests-ingest", "ingest")]
    public async Task A_key_knows_its_name_and_roles(string key, string name, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await _server.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal([role], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_storage_report_lists_every_table_of_the_schema()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/storage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);

        using var response = await _server.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tables = body.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("rows").GetUInt64());

        Assert.Equal("embedded", body.GetProperty("backend").GetString());
        Assert.Equal(ApplicationSchema.Catalog.Tables.Select(t => t.Name).Append("schema_migrations").Order(), tables.Keys.Order());
        Assert.Equal((ulong)ApplicationSchema.Catalog.Migrations.Count, tables["schema_migrations"]);
        Assert.Equal(0ul, tables["events"]);
    }

    [Theory]
    [InlineData(Signals.Int)]
    [InlineData(Signals.Term)]
    public async Task A_signal_stops_the_server_cleanly(int signal)
    {
        await _server.StopCleanlyAsync(signal);
        Assert.Contains("Storage closed", _server.Output, StringComparison.Ordinal);
    }
}
