using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Analytics.Demo;

/// <summary>
/// Loads a demo data set into a running server through its real ingestion endpoints: the CSV imports one by one in
/// dependency order (accounts before the records that name them), then Segment batches and SendGrid arrays a few at a
/// time. Any non-2xx answer, or a record the server rejected, stops the load with the endpoint and the server's words.
/// </summary>
public sealed class DemoLoader
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly int _parallelism;
    private readonly TimeProvider _time;

    /// <param name="http">The client to send with; its own base address and default headers are not relied on.</param>
    /// <param name="baseAddress">The server, e.g. <c>http://127.0.0.1:8080/</c>.</param>
    /// <param name="apiKey">A key with the <c>ingest</c> role, sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="parallelism">JSON requests in flight at once. Default is 4.</param>
    /// <param name="timeProvider">For the waits a 503 asks for. Default is the system clock.</param>
    public DemoLoader(HttpClient http, Uri baseAddress, string apiKey, int parallelism = 4, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _http = http;
        _baseAddress = baseAddress;
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _parallelism = parallelism;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How often a 503 (the spool is full) is waited out before the load gives up. Default is 30.</summary>
    public int MaxBusyRetries { get; init; } = 30;

    /// <summary>Posts everything; progress counts records acknowledged by the server.</summary>
    public async Task LoadAsync(DemoDataSet data, IProgress<DemoLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = data.TotalRecords;
        long sent = 0;
        void Advance(int count, string step) => progress?.Report(new DemoLoadProgress(Interlocked.Add(ref sent, count), total, step));

        progress?.Report(new DemoLoadProgress(0, total, "start"));
        foreach (var file in data.CsvFiles)
        {
            // TRICKY: the CSV answer reports rejections in a 200; a rejected demo row is a generator bug, so it fails the load.
            await PostAsync($"v1/import/{file.Kind}", Encoding.UTF8.GetBytes(file.Text), "text/csv", RejectedRows, cancellationToken);
            Advance(file.Rows, file.Kind);
        }

        await PostAllAsync("v1/batch", data.SegmentBatches, RejectedMessages, Advance, cancellationToken);
        await PostAllAsync("v1/webhooks/sendgrid", data.SendGridBatches, static _ => null, Advance, cancellationToken);
    }

    private Task PostAllAsync(string path, IReadOnlyList<DemoPayload> payloads, Func<JsonElement, string?> rejected,
        Action<int, string> advance, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(payloads, options, async (payload, ct) =>
        {
            await PostAsync(path, payload.Body, "application/json", rejected, ct);
            advance(payload.Count, path);
        });
    }

    private async Task PostAsync(string path, byte[] body, string contentType, Func<JsonElement, string?> rejected, CancellationToken cancellationToken)
    {
        var endpoint = "/" + path;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path));
            request.Headers.Authorization = _authorization;
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxBusyRetries)
            {
                // Backpressure: the server's spool is full; it says when to come back.
                await Task.Delay(RetryAfter(response), _time, cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DemoLoadException(endpoint, response.StatusCode, text);
            }

            if (Rejection(text, rejected) is { } reason)
            {
                throw new DemoLoadException(endpoint, response.StatusCode, text, reason);
            }

            return;
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait;
    }

    private static string? Rejection(string text, Func<JsonElement, string?> rejected)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
        {
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return rejected(json.RootElement);
    }

    /// <summary>The CSV answer: <c>{"accepted": N, "rejected": M, "errors": [...]}</c>.</summary>
    private static string? RejectedRows(JsonElement answer) =>
        answer.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.Number && r.GetInt64() > 0
            ? $"{r.GetInt64()} rows rejected"
            : null;

    /// <summary>The batch answer: <c>{"success": true, "accepted": N, "rejected": [{"index", "message"}]}</c>.</summary>
    private static string? RejectedMessages(JsonElement answer) =>
        answer.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0
            ? $"{r.GetArrayLength()} messages rejected"
            : null;
}
