using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// Every ingestion endpoint against every kind of bad input (issue 16, finding 2): a bad message or row is refused by
/// its index or line while the good ones of the request are stored; a body that cannot be decoded at all is a 400 that
/// says why, and the endpoint takes the next good request as ever. Nothing answers 500.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class BadInputMatrixTests
{
    private const string Range = "is outside the supported range 1970-01-01 to 2100-01-01";
    private const string NotGzip = "400 the body is marked Content-Encoding: gzip but is not valid gzip data (…";
    private const string CutShort = "400 the gzip body is cut short or damaged: it does not end with the checksum of what it holds (a body of several concatenated gzip members is not supported either)";
    private const string NotJson = "400 malformed JSON at line 1, byte 1: …";
    private const string Marker = "<bad bytes here>";

    /// <summary>One request: its answer summed up as <see cref="Summary"/> prints it, and the ids its good inputs store.</summary>
    private sealed record Case(string Name, string Path, byte[] Body, bool Gzip, string Expected, string[] Stored, byte[]? FollowUp = null);

    [Fact]
    public async Task Every_endpoint_refuses_each_bad_input_by_itself_and_keeps_the_good_ones()
    {
        var cases = JsonCases().Concat(CsvCases()).ToList();
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));

        var answers = new List<(string, string)>();
        foreach (var c in cases)
        {
            var contentType = c.Path.StartsWith("/v1/import/", StringComparison.Ordinal) ? "text/csv" : "application/json";
            var (status, body) = await AnswerAsync(await PostBytesAsync(server, c.Path, c.Body, contentType, c.Gzip));
            answers.Add((c.Name, Summary(status, body, c.Expected)));
            if (c.FollowUp is not null)
            {
                var (next, nextBody) = await AnswerAsync(await PostBytesAsync(server, c.Path, c.FollowUp, contentType));
                Assert.True(next == 200, $"{c.Name}, the good request after: {next} {nextBody}");
            }
        }

        await WaitForDrainedAsync(server);
        await server.StopCleanlyAsync();

        Assert.Equal(cases.Select(c => (c.Name, c.Expected)), answers);
        var stored = await ReadStoppedAsync(folder, """
            SELECT DISTINCT id FROM (
                SELECT event_id AS id FROM events UNION ALL SELECT alias FROM identities UNION ALL SELECT account_id FROM accounts
                UNION ALL SELECT account_id FROM target_list_members UNION ALL SELECT contact_id FROM contacts
                UNION ALL SELECT opportunity_id FROM opportunities UNION ALL SELECT response_id FROM survey_responses
                UNION ALL SELECT campaign FROM ad_performance)
            ORDER BY id
            """);
        Assert.Equal(cases.SelectMany(c => c.Stored).Order(StringComparer.Ordinal), stored.Select(r => (string)r[0]!));
    }

    /// <summary>
    /// "200 accepted N; refused I: message; …" or "STATUS message"; an expected text ending in "…" only needs to start
    /// the message (the rest is the runtime's wording).
    /// </summary>
    private static string Summary(int status, System.Text.Json.JsonElement body, string expected)
    {
        string summary;
        if (status == 200)
        {
            var csv = body.TryGetProperty("errors", out var errors);
            var refusals = (csv ? errors : body.GetProperty("rejected")).EnumerateArray()
                .Select(r => $"; refused {(csv ? "line " + r.GetProperty("line") : r.GetProperty("index").ToString())}: {r.GetProperty("message").GetString()}");
            summary = $"200 accepted {body.GetProperty("accepted")}{string.Concat(refusals)}";
        }
        else
        {
            summary = $"{status} {body.GetProperty("message").GetString()}";
        }

        return expected.EndsWith('…') && summary.StartsWith(expected[..^1], StringComparison.Ordinal) ? expected : summary;
    }

    private static IEnumerable<Case> JsonCases()
    {
        // Each endpoint: how one good message with an id reads, and how a request wraps its messages.
        var endpoints = new (string Name, string Path, Func<string, string> Good, Func<string[], string> Wrap)[]
        {
            ("batch", "/v1/batch", id => $$$"""{"type": "page", "messageId": "{{{id}}}", "anonymousId": "v", "context": {"groupId": "acme"}}""", m => $$"""{"batch": [{{string.Join(", ", m)}}]}"""),
            ("track", "/v1/track", id => $$$"""{"messageId": "{{{id}}}", "userId": "u", "event": "Clicked", "context": {"groupId": "acme"}}""", m => m.Single()),
            ("page", "/v1/page", id => $$$"""{"messageId": "{{{id}}}", "anonymousId": "v", "context": {"groupId": "acme"}}""", m => m.Single()),
            ("identify", "/v1/identify", id => $$$"""{"userId": "{{{id}}}", "traits": {"email": "{{{id}}}@acme.com"}}""", m => m.Single()),
            ("group", "/v1/group", id => $$$"""{"userId": "{{{id}}}", "groupId": "acme"}""", m => m.Single()),
            ("sendgrid", "/v1/webhooks/sendgrid", id => $$$"""{"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "{{{id}}}"}""", m => $"[{string.Join(", ", m)}]"),
        };
        var wrongTypes = new Dictionary<string, (string Message, string Why)>
        {
            ["batch"] = ("""{"type": "page", "messageId": "x", "anonymousId": {"a": 1}}""", "anonymousId must be a string"),
            ["track"] = ("""{"messageId": "x", "userId": "u", "event": ["Clicked"]}""", "event must be a string"),
            ["page"] = ("""{"messageId": "x", "anonymousId": "v", "properties": {"url": {"href": "/"}}}""", "url must be a string"),
            ["identify"] = ("""{"userId": true}""", "userId must be a string"),
            ["group"] = ("""{"userId": "u", "groupId": {"id": 1}}""", "groupId must be a string"),
            ["sendgrid"] = ("""{"email": "jo@acme.com", "timestamp": "1772442000", "event": "open"}""", "timestamp \"1772442000\" is not a whole number of unix seconds"),
        };

        foreach (var (name, path, good, wrap) in endpoints)
        {
            // A batch or a webhook call holds its good message beside the bad one; a single call is followed by a good one.
            var single = name is not ("batch" or "sendgrid");
            Case Refused(string input, byte[] bad, string why)
            {
                var id = $"{name}-{input.Replace(' ', '-')}-good";
                var request = single ? bad : Splice(wrap([good(id), Marker]), bad);
                return new Case($"{name}: {input}", path, request, false,
                    $"200 accepted {(single ? 0 : 1)}; refused {(single ? 0 : 1)}: {why}", [id], single ? Encoding.UTF8.GetBytes(wrap([good(id)])) : null);
            }

            Case Unreadable(string input, byte[] body, bool gzip, string expected)
            {
                var id = $"{name}-{input.Replace(' ', '-')}-good";
                return new Case($"{name}: {input}", path, body, gzip, expected, [id], Encoding.UTF8.GetBytes(wrap([good(id)])));
            }

            // A Latin-1 byte inside the message's last string value.
            var text = good("not-utf8");
            var at = text.LastIndexOf('"');
            yield return Refused("invalid UTF-8", Splice(text[..at] + Marker + text[at..], [0xE9]), $"the message is not valid UTF-8 (at byte {at + 1} of it)");
            var (wrong, why) = wrongTypes[name];
            yield return Refused("wrong JSON types", Encoding.UTF8.GetBytes(wrong), why);
            var (far, range) = name == "sendgrid"
                ? ("""{"email": "jo@acme.com", "timestamp": 100000000000, "event": "open", "sg_event_id": "far"}""", $"timestamp 100000000000 {Range}")
                : (good("far").Replace("{", """{"timestamp": "2200-06-15T00:00:00Z", """, StringComparison.Ordinal), $"timestamp 2200-06-15T00:00:00Z {Range}");
            yield return Refused("out-of-range time", Encoding.UTF8.GetBytes(far), range);

            var body = Encoding.UTF8.GetBytes(wrap([good($"{name}-in-bad-body")]));
            yield return Unreadable("bad gzip", body, gzip: true, NotGzip);
            yield return Unreadable("truncated gzip", Gzip(body)[..^5], gzip: true, CutShort);
            yield return Unreadable("empty body", [], gzip: false, NotJson);
            yield return Unreadable("not JSON", "hello, world"u8.ToArray(), gzip: false, NotJson);
        }
    }

    /// <summary>The UTF-8 of <paramref name="text"/> with its <see cref="Marker"/> replaced by <paramref name="bytes"/>.</summary>
    private static byte[] Splice(string text, byte[] bytes)
    {
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. bytes, .. Encoding.UTF8.GetBytes(text[(at + Marker.Length)..])];
    }

    private static IEnumerable<Case> CsvCases()
    {
        // Each kind: its header, a good row for an id, and rows breaking a type rule and the time range (when it has times).
        var kinds = new (string Kind, string Header, Func<string, string> Good, (string Row, string Why) Wrong, (string Row, string Why)? Far)[]
        {
            ("accounts", "account_id,name,employees", id => $"{id},Acme,10", ("a-x,Acme,many", "employees many is not a whole number"), null),
            ("target-accounts", "list,account_id", id => $"abm,{id}", ("abm,a-x,extra", "the row has 3 fields but the header has 2 (a comma in an unquoted value?)"), null),
            ("contacts", "contact_id,email", id => $"{id},{id}@acme.com", ("c-x,not-an-email", "email not-an-email is not an email address"), null),
            ("opportunities", "opportunity_id,account_id,created_at,status", id => $"{id},acme,2026-01-05,open",
                ("o-x,acme,2026-01-05,pending", "status pending is not one of open, won, lost"), ("o-far,acme,1950-06-15,open", $"created_at 1950-06-15 {Range}")),
            ("events", "event_id,timestamp,channel,type,account_id", id => $"{id},2026-03-02T09:00:00Z,web,page_view,acme",
                ("e-x,2026-03-02,fax,page_view,acme", "channel fax is not one of ad, email, event, other, web"), ("e-far,2200-06-15,web,page_view,acme", $"timestamp 2200-06-15 {Range}")),
            ("survey-responses", "response_id,survey,responded_at,score", id => $"{id},nps,2026-03-02,9",
                ("r-x,nps,2026-03-02,ten", "score ten is not a whole number"), ("r-far,nps,2100-01-01,9", $"responded_at 2100-01-01 {Range}")),
            ("ad-performance", "date,campaign,impressions", id => $"2026-03-02,{id},10",
                ("2026-03-02,ad-x,many", "impressions many is not a whole number"), ("1969-12-31,ad-far,10", $"date 1969-12-31 {Range}")),
        };

        foreach (var (kind, header, good, wrong, far) in kinds)
        {
            var path = $"/v1/import/{kind}";
            Case Refused(string input, byte[] badRow, string why)
            {
                var id = $"{kind}-{input.Replace(' ', '-')}-good";
                var file = Encoding.UTF8.GetBytes($"{header}\n{good(id)}\n").Concat(badRow).Append((byte)'\n').ToArray();
                return new Case($"{kind}: {input}", path, file, false, $"200 accepted 1; refused line 3: {why}", [id]);
            }

            Case Unreadable(string input, byte[] body, bool gzip, string expected)
            {
                var id = $"{kind}-{input.Replace(' ', '-')}-good";
                return new Case($"{kind}: {input}", path, body, gzip, expected, [id], Encoding.UTF8.GetBytes($"{header}\n{good(id)}\n"));
            }

            yield return Refused("invalid UTF-8", [.. Encoding.UTF8.GetBytes(good("bad")), 0xE9], "the row is not valid UTF-8 (a file saved as Windows-1252 or Latin-1?)");
            yield return Refused("wrong types", Encoding.UTF8.GetBytes(wrong.Row), wrong.Why);
            if (far is { } outOfRange)
            {
                yield return Refused("out-of-range time", Encoding.UTF8.GetBytes(outOfRange.Row), outOfRange.Why);
            }

            var body = Encoding.UTF8.GetBytes($"{header}\n{good($"{kind}-in-bad-body")}\n");
            yield return Unreadable("bad gzip", body, gzip: true, NotGzip);
            yield return Unreadable("truncated gzip", Gzip(body)[..^5], gzip: true, CutShort);
            yield return Unreadable("empty body", [], gzip: false, "400 line 1: the file is empty; expected a header row naming the columns (…");
            yield return Unreadable("not CSV", """{"batch": [{"type": "page"}]}"""u8.ToArray(), gzip: false, "400 line 1: the header …");
        }
    }
}
