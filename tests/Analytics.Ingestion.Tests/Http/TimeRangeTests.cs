using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// Issue 16, finding 1: times outside the supported range (1970-01-01 to 2100-01-01) were accepted and counted on
/// wrapped days by the rollups (2200-06-15 on 2021-01-08, 9999-12-31 on 2105-01-05, 1950-06-15 on 2129-11-19).
/// Every door now refuses them, by index or line, and keeps them in dead_letters.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class TimeRangeTests
{
    private const string Range = "is outside the supported range 1970-01-01 to 2100-01-01";

    [Fact]
    public async Task Times_outside_the_supported_range_are_refused_at_every_door_and_never_reach_the_rollups()
    {
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));

        var events = await ImportAsync(server, "events", """
            event_id,timestamp,channel,type,account_id
            csv-2200,2200-06-15,web,page_view,acme
            csv-1950,1950-06-15,web,page_view,acme
            csv-ok,2026-03-02T09:00:00Z,web,page_view,acme
            """);
        var opportunities = await ImportAsync(server, "opportunities", """
            opportunity_id,account_id,created_at,closed_at,status
            o-2200,acme,2200-06-15,,open
            o-closed-2100,acme,2026-01-05,2100-01-01,won
            o-ok,acme,2026-01-05,2099-12-31T23:59:59Z,won
            """);
        var surveys = await ImportAsync(server, "survey-responses", """
            response_id,survey,responded_at,score,account_id
            r-1969,nps,1969-12-31T23:59:59Z,9,acme
            r-ok,nps,1970-01-01,9,acme
            """);
        var ads = await ImportAsync(server, "ad-performance", """
            date,campaign,account_id,impressions
            2150-01-01,ad-2150,acme,10
            2026-03-02,ad-ok,acme,10
            """);
        var segment = await PostJsonOkAsync(server, "/v1/batch", """
            {"batch": [
              {"type": "page", "messageId": "seg-9999", "anonymousId": "v1", "timestamp": "9999-12-31T23:59:59Z", "context": {"groupId": "acme"}},
              {"type": "page", "messageId": "seg-1899", "anonymousId": "v1", "timestamp": "1899-12-31", "context": {"groupId": "acme"}},
              {"type": "identify", "userId": "u1", "timestamp": "2200-06-15T00:00:00Z", "traits": {"email": "jo@acme.com"}},
              {"type": "track", "messageId": "seg-2100", "userId": "u1", "event": "Clicked", "timestamp": "2100-01-01T00:00:00Z", "context": {"groupId": "acme"}},
              {"type": "page", "messageId": "seg-ok", "anonymousId": "v1", "timestamp": "2099-12-31T23:59:59.999Z", "context": {"groupId": "acme"}}
            ]}
            """);
        var sendGrid = await PostJsonOkAsync(server, "/v1/webhooks/sendgrid", """
            [
              {"email": "jo@acme.com", "timestamp": 100000000000, "event": "open", "sg_event_id": "sg-100000000000"},
              {"email": "jo@acme.com", "timestamp": -1, "event": "open", "sg_event_id": "sg-minus-1"},
              {"email": "jo@acme.com", "timestamp": 4102444800, "event": "open", "sg_event_id": "sg-2100"},
              {"email": "jo@acme.com", "timestamp": 1772442000, "event": "open", "sg_event_id": "sg-ok"}
            ]
            """);
        await WaitForDrainedAsync(server);
        await server.StopCleanlyAsync();

        AssertImported(events, 1, (2, $"timestamp 2200-06-15 {Range}"), (3, $"timestamp 1950-06-15 {Range}"));
        AssertImported(opportunities, 1, (2, $"created_at 2200-06-15 {Range}"), (3, $"closed_at 2100-01-01 {Range}"));
        AssertImported(surveys, 1, (2, $"responded_at 1969-12-31T23:59:59Z {Range}"));
        AssertImported(ads, 1, (2, $"date 2150-01-01 {Range}"));
        Assert.Equal(1, segment.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [(0, $"timestamp 9999-12-31T23:59:59Z {Range}"), (1, $"timestamp 1899-12-31 {Range}"), (2, $"timestamp 2200-06-15T00:00:00Z {Range}"), (3, $"timestamp 2100-01-01T00:00:00Z {Range}")],
            Refusals(segment));
        Assert.Equal(1, sendGrid.GetProperty("accepted").GetInt32());
        Assert.Equal([(0, $"timestamp 100000000000 {Range}"), (1, $"timestamp -1 {Range}"), (2, $"timestamp 4102444800 {Range}")], Refusals(sendGrid));

        // Only the good ones are stored, and the rollups count them on their own days: nothing wrapped.
        Assert.Equal(
            [["csv-ok", "2026-03-02 09:00:00.000"], ["seg-ok", "2099-12-31 23:59:59.999"], ["sg-ok", "2026-03-02 09:00:00.000"]],
            await ReadStoppedAsync(folder, "SELECT event_id, toString(timestamp) FROM events ORDER BY event_id"));
        Assert.Equal(
            [[new DateOnly(2026, 3, 2), 1ul], [new DateOnly(2099, 12, 31), 1ul]],
            await ReadStoppedAsync(folder, "SELECT day, sum(events) FROM account_engagement_daily GROUP BY day ORDER BY day"));
        Assert.Equal([["o-ok"]], await ReadStoppedAsync(folder, "SELECT opportunity_id FROM opportunities FINAL"));
        Assert.Equal([["r-ok"]], await ReadStoppedAsync(folder, "SELECT response_id FROM survey_responses FINAL"));
        Assert.Equal([["ad-ok"]], await ReadStoppedAsync(folder, "SELECT campaign FROM ad_performance FINAL"));
        Assert.Equal(
            [
                ["csv:ad-performance", "2", $"date 2150-01-01 {Range}"],
                ["csv:events", "2", $"timestamp 2200-06-15 {Range}"],
                ["csv:events", "3", $"timestamp 1950-06-15 {Range}"],
                ["csv:opportunities", "2", $"created_at 2200-06-15 {Range}"],
                ["csv:opportunities", "3", $"closed_at 2100-01-01 {Range}"],
                ["csv:survey-responses", "2", $"responded_at 1969-12-31T23:59:59Z {Range}"],
                ["segment", "0", $"timestamp 9999-12-31T23:59:59Z {Range}"],
                ["segment", "1", $"timestamp 1899-12-31 {Range}"],
                ["segment", "2", $"timestamp 2200-06-15T00:00:00Z {Range}"],
                ["segment", "3", $"timestamp 2100-01-01T00:00:00Z {Range}"],
                ["sendgrid", "0", $"timestamp 100000000000 {Range}"],
                ["sendgrid", "1", $"timestamp -1 {Range}"],
                ["sendgrid", "2", $"timestamp 4102444800 {Range}"],
            ],
            await ReadStoppedAsync(folder, "SELECT toString(source), location, reason FROM dead_letters ORDER BY source, location"));
    }

    private static async Task<System.Text.Json.JsonElement> ImportAsync(ServerProcess server, string kind, string csv)
    {
        var (status, answer) = await AnswerAsync(await PostBytesAsync(server, $"/v1/import/{kind}", Encoding.UTF8.GetBytes(csv), "text/csv"));
        Assert.True(status == 200, $"{kind}: {status} {answer}");
        return answer;
    }

    private static void AssertImported(System.Text.Json.JsonElement answer, int accepted, params (int, string)[] errors)
    {
        Assert.Equal((accepted, errors.Length), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetInt32()));
        Assert.Equal(errors, Errors(answer));
    }
}
