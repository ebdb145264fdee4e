using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// The server backend pointed at a ClickHouse endpoint that goes away and comes back: ingestion keeps acknowledging
/// into the spool while it is away, and the writer drains everything once it is back.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class EngineOutageTests
{
    [Fact]
    public async Task Batches_acknowledged_while_ClickHouse_is_down_are_all_stored_when_it_returns()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        var (settings, database) = OnServerBackend(clickHouse);

        await using var server = await ServerProcess.StartAsync(settings);
        await PostJsonOkAsync(server, "/v1/batch", PageViewBatch(Enumerable.Range(0, 100).Select(i => $"before-{i}")));
        await WaitForRowsAsync(server, "events", 100);

        await clickHouse.StopAsync();
        for (var n = 0; n < 10; n++)
        {
            var answer = await PostJsonOkAsync(server, "/v1/batch", PageViewBatch(Enumerable.Range(0, 100).Select(i => $"during-{n}-{i}")));
            Assert.Equal(100, answer.GetProperty("accepted").GetInt32());
        }

        var health = await WaitForHealthAsync(server, "storing spooled entries failed");
        await clickHouse.StartAsync();
        try
        {
            await WaitForStoredAsync(database, 1_100);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + server.Output, e);
        }

        Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", health, StringComparison.Ordinal);
        await server.StopCleanlyAsync();
        await using var gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, TestEngine.DataPath, database);
        await foreach (var row in gateway.QueryAsync("SELECT count(), uniqExact(event_id) FROM events"))
        {
            Assert.Equal((1_100ul, 1_100ul), (row.Get<ulong>(0), row.Get<ulong>(1)));
        }
    }

    /// <summary>Settings for a server on the server backend, against <paramref name="clickHouse"/>, retrying quickly.</summary>
    private static (Dictionary<string, string> Settings, string Database) OnServerBackend(ClickHouseHttpServer clickHouse)
    {
        var database = TestEngine.UniqueDatabase(nameof(EngineOutageTests));
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Storage:ClickHouse"] = clickHouse.ConnectionString;
        settings["Storage:Database"] = database;
        settings["Storage:ServerRetries"] = "1";
        settings["Ingestion:WriterMaxBackoffSeconds"] = "1";
        return (settings, database);
    }

    /// <summary>Polls /healthz (which answers 503 while storage is down) until its report says <paramref name="text"/>.</summary>
    private static Task<string> WaitForHealthAsync(ServerProcess server, string text) =>
        Eventually.MatchAsync($"/healthz to say \"{text}\"", async () =>
        {
            using var response = await server.Client.GetAsync("/healthz");
            return await response.Content.ReadAsStringAsync();
        }, report => report.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

    private static async Task WaitForStoredAsync(string database, ulong expected)
    {
        await using IClickHouseGateway gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, TestEngine.DataPath, database);
        await Eventually.MatchAsync($"{expected} events to be stored after ClickHouse came back", async () =>
        {
            ulong count = 0;
            await foreach (var row in gateway.QueryAsync("SELECT count() FROM events"))
            {
                count = row.Get<ulong>(0);
            }

            return count;
        }, count => count >= expected);
    }

    /// <summary>
    /// While ClickHouse is away, an intent file naming accounts by domain cannot be resolved: 503 with Retry-After, not
    /// rows refused for good; one naming account ids, and a target-accounts file (unchecked against the rule lists), are
    /// acknowledged as ever.
    /// </summary>
    [Fact]
    public async Task Imports_that_need_storage_to_resolve_their_rows_answer_503_while_ClickHouse_is_down_and_the_others_are_accepted()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        var (settings, _) = OnServerBackend(clickHouse);
        await using var server = await ServerProcess.StartAsync(settings);
        await clickHouse.StopAsync();

        var (byDomain, domainBody) = await AnswerAsync(await PostBytesAsync(server, "/v1/import/intent",
            "domain,topic,score,week\r\nacme.com,CRM,50,2026-03-02\r\n"u8.ToArray(), "text/csv"));
        var (byId, idBody) = await AnswerAsync(await PostBytesAsync(server, "/v1/import/intent",
            "account_id,topic,score,week\r\nacme,CRM,50,2026-03-02\r\n"u8.ToArray(), "text/csv"));
        var (targets, targetsBody) = await AnswerAsync(await PostBytesAsync(server, "/v1/import/target-accounts",
            "list,account_id\r\nabm,acme\r\n"u8.ToArray(), "text/csv"));

        Assert.Equal(503, byDomain);
        Assert.StartsWith("1 intent rows name their account by domain", domainBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((200, 1), (byId, idBody.GetProperty("accepted").GetInt32()));
        Assert.Equal((200, 1), (targets, targetsBody.GetProperty("accepted").GetInt32()));
    }

    [Fact]
    public async Task A_full_spool_answers_503_with_Retry_After_and_accepts_again_once_drained()
    {
        await using var clickHouse = await ClickHouseHttpServer.StartAsync();
        var (settings, database) = OnServerBackend(clickHouse);
        settings["Ingestion:Spool:QuotaBytes"] = "200000";
        settings["Ingestion:Spool:RetryAfterSeconds"] = "7";
        await using var server = await ServerProcess.StartAsync(settings);
        await clickHouse.StopAsync();

        var accepted = 0;
        HttpResponseMessage? refused = null;
        for (var n = 0; n < 100 && refused is null; n++)
        {
            var response = await PostJsonAsync(server, "/v1/batch", PageViewBatch(Enumerable.Range(0, 100).Select(i => $"full-{n}-{i}")));
            if (response.IsSuccessStatusCode)
            {
                accepted += 100;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using (refused)
        {
            Assert.NotNull(refused);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        }

        await clickHouse.StartAsync();
        await WaitForStoredAsync(database, (ulong)accepted);
        var after = await PostJsonOkAsync(server, "/v1/batch", PageViewBatch(["after-the-outage"]));

        Assert.True(accepted > 0);
        Assert.Equal(1, after.GetProperty("accepted").GetInt32());
        await server.StopCleanlyAsync();
    }
}
