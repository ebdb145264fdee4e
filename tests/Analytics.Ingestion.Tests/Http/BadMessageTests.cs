using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// Issue 16, finding 2: invalid UTF-8 in one Segment message, a SendGrid timestamp sent as a string or out of range, or
/// a body marked gzip that is not, answered 500 with an empty body; the good messages of the same request were dropped
/// and a sender retrying the same body failed for ever. Now one bad message costs only itself, and a body that cannot
/// be decoded at all is a 400 that says why.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class BadMessageTests
{
    [Fact]
    public async Task A_bad_message_costs_only_itself_and_a_retry_of_the_same_body_gets_the_same_answer()
    {
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
        const string badStart = """{"type": "page", "messageId": "bad-utf8", "anonymousId": "v1", "properties": {"title": "caf""";
        var batch = Concat(
            """{"batch": [{"type": "page", "messageId": "good-1", "anonymousId": "v1", "context": {"groupId": "acme"}}, """,
            badStart, new byte[] { 0xE9 }, "\"}}, ",
            """{"type": "track", "messageId": "lone-surrogate", "userId": "u1", "event": "Clicked \ud800"}, """,
            """{"type": "page", "messageId": "good-2", "anonymousId": "v1", "context": {"groupId": "acme"}}]}""");
        var sendGrid = Encoding.UTF8.GetBytes("""
            [
              {"email": "jo@acme.com", "timestamp": "1772442000", "event": "open", "sg_event_id": "sg-string"},
              {"email": "jo@acme.com", "timestamp": 100000000000, "event": "open", "sg_event_id": "sg-far"},
              {"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "sg-good"}
            ]
            """);

        var first = await AnswerAsync(await PostBytesAsync(server, "/v1/batch", batch, "application/json"));
        var retried = await AnswerAsync(await PostBytesAsync(server, "/v1/batch", batch, "application/json"));
        var sendGridAnswer = await AnswerAsync(await PostBytesAsync(server, "/v1/webhooks/sendgrid", sendGrid, "application/json"));
        var notGzip = await AnswerAsync(await PostBytesAsync(server, "/v1/webhooks/sendgrid", sendGrid, "application/json", gzip: true));
        await WaitForDrainedAsync(server);
        await server.StopCleanlyAsync();

        List<(int, string)> refused =
        [
            (1, $"the message is not valid UTF-8 (at byte {badStart.Length + 1} of it)"),
            (2, "event is not valid text (it holds an unpaired UTF-16 surrogate escape)"),
        ];
        Assert.Equal((200, 2), (first.Status, first.Body.GetProperty("accepted").GetInt32()));
        Assert.Equal(refused, Refusals(first.Body));
        Assert.Equal(first.Body.ToString(), retried.Body.ToString());
        Assert.Equal((200, 1), (sendGridAnswer.Status, sendGridAnswer.Body.GetProperty("accepted").GetInt32()));
        Assert.Equal(
            [(0, "timestamp \"1772442000\" is not a whole number of unix seconds"), (1, "timestamp 100000000000 is outside the supported range 1970-01-01 to 2100-01-01")],
            Refusals(sendGridAnswer.Body));
        Assert.Equal(400, notGzip.Status);
        Assert.False(notGzip.Body.GetProperty("success").GetBoolean());
        Assert.StartsWith("the body is marked Content-Encoding: gzip but is not valid gzip data (", notGzip.Body.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal([["good-1"], ["good-2"], ["sg-good"]], await ReadStoppedAsync(folder, "SELECT event_id FROM events ORDER BY event_id"));
        Assert.Equal(
            [["segment", "1", $"{badStart}\uFFFD\"}}}}"], ["segment", "1", $"{badStart}\uFFFD\"}}}}"]],
            await ReadStoppedAsync(folder, "SELECT toString(source), location, payload FROM dead_letters WHERE reason LIKE '%UTF-8%'"));
    }

    private static byte[] Concat(params object[] parts) =>
        [.. parts.SelectMany(p => p is string text ? Encoding.UTF8.GetBytes(text) : (byte[])p)];
}
