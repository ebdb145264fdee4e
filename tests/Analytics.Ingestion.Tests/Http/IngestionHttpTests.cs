using System.Net;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>The ingestion endpoints of a real server: answers, refusals and limits, and what ends up stored.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class IngestionHttpTests : IAsyncLifetime
{
    private readonly string _folder = HostSettings.NewDataFolder();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(_folder));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_batch_keeps_its_good_messages_and_reports_each_bad_one_by_index()
    {
        const string batch = """
            {"batch": [
              {"type": "track", "messageId": "t1", "userId": "u1", "event": "Form Submit", "timestamp": "2026-03-02T10:00:00+02:00",
               "properties": {"channel": "web", "url": "https://vendor.example/demo"}, "context": {"groupId": "acme"}},
              {"type": "track", "messageId": "t2", "event": "Clicked"},
              {"type": "page", "messageId": "p1", "anonymousId": "v1", "properties": {"url": "https://vendor.example/pricing"}},
              {"type": "screen", "messageId": "s1", "userId": "u1"},
              {"type": "track", "messageId": "t3", "userId": "u1", "event": "Clicked", "properties": {"channel": "fax"}},
              {"type": "identify", "userId": "u1", "anonymousId": "v1", "traits": {"email": "Jo@Acme.com"}}
            ]}
            """;

        var answer = await PostJsonOkAsync(_server, "/v1/batch", batch);
        await WaitForRowsAsync(_server, "dead_letters", 3);
        await WaitForRowsAsync(_server, "events", 2);
        await _server.StopCleanlyAsync();

        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(3, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [(1, "userId or anonymousId is required"), (3, "type 'screen' is not supported (track, page, identify, group or alias)"),
             (4, "properties.channel 'fax' is not one of ad, email, web, event, other")],
            answer.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("message").GetString()!)));
        Assert.Equal(
            [["p1", "web", "page_view", "", "v1", "https://vendor.example/pricing"], ["t1", "web", "form_submit", "acme", "", "https://vendor.example/demo"]],
            await ReadStoppedAsync(_folder, "SELECT event_id, channel, type, account_id, anonymous_id, url FROM events ORDER BY event_id"));
        Assert.Equal([["2026-03-02 08:00:00.000", "u1"]], await ReadStoppedAsync(_folder, "SELECT toString(timestamp), contact_id FROM events WHERE event_id = 't1'"));
        var letters = await ReadStoppedAsync(_folder, "SELECT source, location, reason, payload FROM dead_letters ORDER BY location");
        Assert.Equal(["1", "3", "4"], letters.Select(l => (string)l[1]!));
        Assert.All(letters, l => Assert.Equal("segment", l[0]));
        Assert.Contains("\"messageId\": \"t2\"", (string)letters[0][3]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_with_its_position()
    {
        using var response = await PostJsonAsync(_server, "/v1/batch", "{\"batch\": [{\"type\": \"page\",, }]}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.StartsWith("malformed JSON at line 1, byte 28", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer nope", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer " + HostSettings.ViewerKey, HttpStatusCode.Forbidden)]
    [InlineData("Bearer " + HostSettings.IngestKey, HttpStatusCode.OK)]
    [InlineData("Bearer " + HostSettings.AdminKey, HttpStatusCode.OK)]
    public async Task Only_keys_with_the_ingest_role_may_send(string? authorization, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(PageViewBatch(["a1"]), Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Segments_basic_auth_with_the_write_key_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent("""{"messageId": "b1", "userId": "u1", "event": "Clicked"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(HostSettings.IngestKey + ":")));

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"accepted\":1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_batch_limit_is_refused_with_413_and_an_oversized_message_by_index()
    {
        var huge = PageViewBatch(Enumerable.Range(0, 3000).Select(i => $"id-{i}"));
        var oneBig = $$$"""{"batch": [{"type": "track", "messageId": "big", "userId": "u", "event": "x", "properties": {"blob": "{{{new string('z', 40_000)}}}"}}]}""";

        using var tooLarge = await PostJsonAsync(_server, "/v1/batch", huge);
        var answer = await PostJsonOkAsync(_server, "/v1/batch", oneBig);

        Assert.True(huge.Length > 500 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.StartsWith("the message is 40,", answer.GetProperty("rejected")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGrid_events_become_email_engagement_of_their_contact()
    {
        const string events = """
            [
              {"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "sg1", "category": ["spring-launch"]},
              {"email": "jo@acme.com", "timestamp": 1772442060, "event": "click", "sg_event_id": "sg2", "url": "https://vendor.example/demo", "campaign": "spring"},
              {"timestamp": 1772442060, "event": "click", "sg_event_id": "sg3"}
            ]
            """;

        var answer = await PostJsonOkAsync(_server, "/v1/webhooks/sendgrid", events);
        await WaitForRowsAsync(_server, "events", 2);
        await _server.StopAsync();

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal("email is required", answer.GetProperty("rejected")[0].GetProperty("message").GetString());
        Assert.Equal(
            [["sg1", "email", "open", "jo@acme.com", "spring-launch", "sendgrid"], ["sg2", "email", "click", "jo@acme.com", "spring", "sendgrid"]],
            await ReadStoppedAsync(_folder, "SELECT event_id, channel, type, contact_id, campaign, source FROM events ORDER BY event_id"));
    }

    [Fact]
    public async Task A_CSV_import_reports_refused_rows_by_line_and_keeps_the_rest()
    {
        const string csv = "opportunity_id,account_id,created_at,closed_at,status,amount\r\n"
            + "o1,acme,2026-01-05,2026-02-10,Won,12000\r\n"
            + "o2,acme,2026-01-05,,lost,500\r\n"
            + "\"o3\",\"beta, inc\",2026-01-07,,open,\"1000.50\"\r\n"
            + "o4,acme,2026-03-01,2026-02-01,won,1\r\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import/opportunities") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);

        using var response = await _server.Client.SendAsync(request);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        await WaitForRowsAsync(_server, "opportunities", 2);
        await _server.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.GetProperty("rejected").GetInt32());
        Assert.Equal([3, 5], answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(
            [["o1", "acme", "won", 12000m], ["o3", "beta, inc", "open", 1000.5m]],
            await ReadStoppedAsync(_folder, "SELECT opportunity_id, account_id, status, amount FROM opportunities FINAL ORDER BY opportunity_id"));
    }

    [Fact]
    public async Task An_unknown_import_kind_is_not_found()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import/leads") { Content = new StringContent("a\n1", Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'leads' is not an import kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_erases_a_contact_and_is_told_what_was_removed()
    {
        await PostJsonOkAsync(_server, "/v1/webhooks/sendgrid", """[{"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "sg1"}]""");
        await WaitForRowsAsync(_server, "events", 1);

        using var forbidden = await PostJsonAsync(_server, "/v1/admin/deletions", """{"email": "jo@acme.com"}""");
        using var ambiguous = await PostJsonAsync(_server, "/v1/admin/deletions", """{"email": "jo@acme.com", "accountId": "acme"}""", HostSettings.AdminKey);
        using var erased = await PostJsonAsync(_server, "/v1/admin/deletions", """{"email": "jo@acme.com"}""", HostSettings.AdminKey);
        var answer = JsonDocument.Parse(await erased.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal("contact", answer.GetProperty("subject").GetString());
        Assert.Equal(1ul, answer.GetProperty("removed").GetProperty("events").GetUInt64());
    }
}
