using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Analytics.Ingestion.Tests.Demo;

/// <summary>The loader against a real HTTP host (Kestrel on loopback) that records what arrives.</summary>
public sealed class DemoLoaderTests : IAsyncLifetime
{
    private const string ApiKey = "demo-test-key";
    private static readonly DemoDataSet Data = DemoCompany.Generate(DemoFixture.Now, new DemoOptions(Seed: 11, Scale: 0.05));
    private readonly HttpClient _http = new();
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Loader_posts_every_record_through_the_ingestion_endpoints_csv_first()
    {
        var progress = new Recorder();

        await new DemoLoader(_http, _server.BaseAddress, ApiKey).LoadAsync(Data, progress);

        var requests = _server.Requests.ToList();
        Assert.Equal(
            ["/v1/import/accounts", "/v1/import/target-accounts", "/v1/import/contacts", "/v1/import/opportunities",
             "/v1/import/survey-responses", "/v1/import/ad-performance"],
            requests.Take(6).Select(r => r.Path));
        Assert.Equal(Data.CsvFiles.Select(f => f.Text), requests.Take(6).Select(r => Encoding.UTF8.GetString(r.Body)));
        Assert.All(requests.Take(6), r => Assert.StartsWith("text/csv", r.ContentType, StringComparison.Ordinal));

        var json = requests.Skip(6).ToList();
        Assert.All(json, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        Assert.All(json, r => Assert.Contains(r.Path, new[] { "/v1/batch", "/v1/webhooks/sendgrid" }));
        var batches = json.Where(r => r.Path == "/v1/batch").ToList();
        var sendGrid = json.Where(r => r.Path == "/v1/webhooks/sendgrid").ToList();
        Assert.Equal(Data.SegmentBatches.Count, batches.Count);
        Assert.Equal(Data.SendGridBatches.Count, sendGrid.Count);
        Assert.True(json.FindLastIndex(r => r.Path == "/v1/batch") < json.FindIndex(r => r.Path == "/v1/webhooks/sendgrid"));

        var messageIds = batches.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("batch").EnumerateArray())
            .Select(m => m.GetProperty("messageId").GetString()).ToList();
        var eventIds = sendGrid.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray())
            .Select(e => e.GetProperty("sg_event_id").GetString()).ToList();
        Assert.Equal(Data.Messages.Count(m => m.Kind != DemoMessageKind.Email), messageIds.Distinct().Count());
        Assert.Equal(Data.Messages.Count(m => m.Kind == DemoMessageKind.Email), eventIds.Distinct().Count());

        Assert.All(requests, r => Assert.Equal("Bearer " + ApiKey, r.Authorization));
        Assert.Equal(Data.TotalRecords, progress.Reports.Max(p => p.Sent));
        Assert.All(progress.Reports, p => Assert.Equal(Data.TotalRecords, p.Total));
    }

    [Fact]
    public async Task Loader_fails_loudly_with_the_endpoint_and_the_response_body()
    {
        _server.Override = (r, _) => r.Path == "/v1/import/contacts"
            ? Results.Text("""{"error":"column email: not an address"}""", "application/json", statusCode: 400)
            : null;

        var error = await Assert.ThrowsAsync<DemoLoadException>(() => new DemoLoader(_http, _server.BaseAddress, ApiKey).LoadAsync(Data));

        Assert.Equal("/v1/import/contacts", error.Endpoint);
        Assert.Equal(400, (int)error.StatusCode);
        Assert.Contains("/v1/import/contacts", error.Message, StringComparison.Ordinal);
        Assert.Contains("column email: not an address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Path is "/v1/import/opportunities" or "/v1/batch");
    }

    [Fact]
    public async Task Loader_fails_when_the_server_rejects_records_inside_a_200()
    {
        _server.Override = (r, n) => r.Path == "/v1/batch" && n == 2
            ? Results.Json(new { success = true, accepted = 499, rejected = new[] { new { index = 3, message = "timestamp is not a date" } } })
            : null;

        var error = await Assert.ThrowsAsync<DemoLoadException>(() => new DemoLoader(_http, _server.BaseAddress, ApiKey).LoadAsync(Data));

        Assert.Equal("/v1/batch", error.Endpoint);
        Assert.Contains("timestamp is not a date", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loader_waits_out_a_full_spool_and_resends()
    {
        _server.Override = (r, n) => r.Path == "/v1/batch" && n == 1
            ? new ServiceUnavailable()
            : null;

        await new DemoLoader(_http, _server.BaseAddress, ApiKey).LoadAsync(Data);

        var batches = _server.Requests.Where(r => r.Path == "/v1/batch").ToList();
        Assert.Equal(Data.SegmentBatches.Count + 1, batches.Count);
        Assert.Equal(Data.SegmentBatches.Count, batches.Select(b => Convert.ToHexString(b.Body)).Distinct().Count());
    }

    /// <summary>A 503 with <c>Retry-After: 0</c>, as the spool answers when its disk quota is reached.</summary>
    private sealed class ServiceUnavailable : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "0";
            return httpContext.Response.WriteAsync("spool full");
        }
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to a thread pool and lose ordering).</summary>
    private sealed class Recorder : IProgress<DemoLoadProgress>
    {
        public ConcurrentQueue<DemoLoadProgress> Reports { get; } = new();

        public void Report(DemoLoadProgress value) => Reports.Enqueue(value);
    }
}
