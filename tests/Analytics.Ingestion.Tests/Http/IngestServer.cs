using System.Text.Json.Nodes;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>Helpers to drive a server under test as an ingestion client would, and to read what it stored afterwards.</summary>
internal static class IngestServer
{
    public static async Task<HttpResponseMessage> PostJsonAsync(ServerProcess server, string path, string json, string key = HostSettings.IngestKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await server.Client.SendAsync(request);
    }

    /// <summary>Posts a body as it is, with the ingest key; <paramref name="gzip"/> marks it <c>Content-Encoding: gzip</c>, <paramref name="chunked"/> sends it without a length.</summary>
    public static async Task<HttpResponseMessage> PostBytesAsync(
        ServerProcess server, string path, byte[] body, string contentType, bool gzip = false, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        return await server.Client.SendAsync(request);
    }

    /// <summary>The answer's status and JSON body.</summary>
    public static async Task<(int Status, JsonElement Body)> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
        }
    }

    /// <summary>Gzip-compressed bytes.</summary>
    public static byte[] Gzip(byte[] data)
    {
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>A Segment answer's refusals as (index, message).</summary>
    public static List<(int, string)> Refusals(JsonElement answer) =>
        [.. answer.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("message").GetString()!))];

    /// <summary>A CSV import answer's errors as (line, message).</summary>
    public static List<(int, string)> Errors(JsonElement answer) =>
        [.. answer.GetProperty("errors").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("message").GetString()!))];

    public static async Task<JsonElement> PostJsonOkAsync(ServerProcess server, string path, string json)
    {
        using var response = await PostJsonAsync(server, path, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A Segment batch of page views with the given message ids.</summary>
    public static string PageViewBatch(IEnumerable<string> ids, string account = "acme") =>
        new JsonObject
        {
            ["batch"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject
            {
                ["type"] = "page",
                ["messageId"] = id,
                ["anonymousId"] = "visitor-" + id,
                ["timestamp"] = "2026-03-02T09:00:00Z",
                ["context"] = new JsonObject { ["groupId"] = account, ["page"] = new JsonObject { ["url"] = "https://vendor.example/pricing" } },
            }).ToArray()),
        }.ToJsonString();

    /// <summary>Polls the admin storage report until the table holds at least <paramref name="rows"/> rows.</summary>
    public static Task WaitForRowsAsync(ServerProcess server, string table, ulong rows, TimeSpan? timeout = null) =>
        Eventually.MatchAsync($"{table} to hold {rows} rows", () => server.StoredRowsAsync(table), seen => seen >= rows, timeout);

    /// <summary>Polls /healthz until the spool writer has stored everything accepted (the ingestion check reports no backlog).</summary>
    public static Task WaitForDrainedAsync(ServerProcess server, TimeSpan? timeout = null) =>
        Eventually.MatchAsync("the spool to drain", () => server.Client.GetStringAsync("/healthz"),
            report => report.Contains("\"spool backlog 0 bytes\"", StringComparison.Ordinal), timeout);

    /// <summary>Opens a stopped server's data folder in this process and reads rows (the server must not hold it).</summary>
    public static async Task<List<object?[]>> ReadStoppedAsync(string folder, string sql, string database = "analytics")
    {
        await using IClickHouseGateway gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, folder, database);
        var rows = new List<object?[]>();
        await foreach (var row in gateway.QueryAsync(sql))
        {
            rows.Add(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray());
        }

        return rows;
    }
}
