using Analytics.Storage;
using Analytics.Storage.Embedded;

namespace Analytics.Api.Tests;

/// <summary>
/// The closed loop on the real server process: detractor answers sent over HTTP open follow-ups on their own, exactly one
/// per response through resends and a kill -9, and only sales (and admin) keys may move them.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class FollowUpLoopTests
{
    private const string FollowUps = "{ followUps(first: 500) { id responseId accountName owner score comment survey status note } }";

    [Fact]
    public async Task A_detractor_answered_over_http_gets_a_follow_up_that_sales_may_move_and_a_viewer_may_not()
    {
        var settings = Settings(HostSettings.NewDataFolder());
        await using var server = await ServerProcess.StartAsync(settings);
        await ImportAsync(server, "accounts", "account_id,name,owner\nacme,Acme Corp,alice\n");
        await ImportAsync(server, "survey-responses", """
            response_id,survey,responded_at,score,comment,account_id
            r1,nps,2026-11-27T09:00:00Z,2,"Renewal pricing doubled, 价格太高",acme
            r2,nps,2026-11-27T10:00:00Z,10,Love it,acme
            """);

        var listed = await WaitForAsync(server, FollowUps, d => d.GetProperty("followUps").GetArrayLength() == 1);
        var id = listed.GetProperty("followUps")[0].GetProperty("id").GetString()!;
        const string Update = "mutation ($id: ID!, $status: FollowUpStatus!, $note: String) { updateFollowUp(id: $id, status: $status, note: $note) { status note } }";
        var byViewer = await GraphQLAsync(server, Update, new { id, status = "CONTACTED", note = "viewer tries" }, HostSettings.ViewerKey);
        var bySales = await GraphQLAsync(server, Update, new { id, status = "CONTACTED", note = "Called the CFO" }, HostSettings.SalesKey);
        var byAdmin = await GraphQLAsync(server, Update, new { id, status = "RESOLVED", note = "Agreed a discount" }, HostSettings.AdminKey);
        var back = await GraphQLAsync(server, Update, new { id, status = "OPEN", note = (string?)null }, HostSettings.SalesKey);
        var listByViewer = await GraphQLAsync(server, FollowUps, null, HostSettings.ViewerKey);
        var loop = await GraphQLAsync(server, "{ closedLoop(from: \"2026-11-23\", to: \"2026-11-30\") { detractors contacted contactedWithin48Hours resolved } }", null, HostSettings.ViewerKey);

        var followUp = listed.GetProperty("followUps").EnumerateArray().Single();
        string? Text(string name) => followUp.GetProperty(name).GetString();
        Assert.Equal(
            ("r1", "Acme Corp", "alice", 2, "Renewal pricing doubled, 价格太高", "nps", "OPEN", (string?)null),
            (Text("responseId"), Text("accountName"), Text("owner"), followUp.GetProperty("score").GetInt32(), Text("comment"), Text("survey"), Text("status"), Text("note")));
        Assert.Equal("ACCESS_DENIED", byViewer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("""{"data":{"updateFollowUp":{"status":"CONTACTED","note":"Called the CFO"}}}""", bySales.GetRawText());
        Assert.Equal("""{"data":{"updateFollowUp":{"status":"RESOLVED","note":"Agreed a discount"}}}""", byAdmin.GetRawText());
        Assert.Equal("The follow-up is RESOLVED; it cannot move back to OPEN (a follow-up only moves forward: OPEN, CONTACTED, RESOLVED).",
            back.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("ACCESS_DENIED", listByViewer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        // The answer was contacted days after it was given (the test runs later than 2026-11-27): not within 48 hours.
        Assert.Equal("""{"data":{"closedLoop":{"detractors":1,"contacted":1,"contactedWithin48Hours":0,"resolved":1}}}""", loop.GetRawText());
        await server.StopCleanlyAsync();
    }

    [Fact]
    public async Task Every_detractor_answer_has_exactly_one_follow_up_after_a_kill_and_resends()
    {
        var folder = HostSettings.NewDataFolder();
        var settings = Settings(folder);
        var acknowledged = new List<string>();

        await using (var server = await ServerProcess.StartAsync(settings))
        {
            // Batches of detractor answers until the server is killed, while its worker is opening follow-ups.
            for (var batch = 0; batch < 60; batch++)
            {
                var csv = Batch(batch);
                if (batch == 40)
                {
                    await server.KillAsync();
                }

                try
                {
                    await ImportAsync(server, "survey-responses", csv);
                    acknowledged.Add(csv);
                }
                catch (HttpRequestException)
                {
                    break;
                }
            }
        }

        var expected = acknowledged.Count * 100;
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} batches were acknowledged before the kill");
        await using (var restarted = await ServerProcess.StartAsync(settings))
        {
            foreach (var csv in acknowledged.Take(10))
            {
                await ImportAsync(restarted, "survey-responses", csv); // resends
            }

            await WaitForAsync(restarted, "{ closedLoop(from: \"2026-01-01\", to: \"2026-12-31\") { detractors } }",
                d => d.GetProperty("closedLoop").GetProperty("detractors").GetInt32() >= expected);
            // No need to wait for more rounds of the worker: every answer sent was acknowledged (the batch after the kill
            // was never sent), so each now has its follow-up, which a resend or a later round finds and leaves be.
            await restarted.StopCleanlyAsync();
        }

        await using IClickHouseGateway gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, folder, "analytics");
        var perResponse = new Dictionary<string, ulong>();
        await foreach (var row in gateway.QueryAsync("SELECT response_id, count() AS n FROM follow_ups FINAL GROUP BY response_id"))
        {
            perResponse[row.Get<string>("response_id")] = row.Get<ulong>("n");
        }

        Assert.Equal(expected, perResponse.Count);
        Assert.All(perResponse.Values, n => Assert.Equal(1ul, n));
        Assert.Equal(acknowledged.SelectMany(ResponseIds).ToHashSet(), perResponse.Keys.ToHashSet());
    }

    private static Dictionary<string, string> Settings(string folder)
    {
        var settings = HostSettings.Embedded(folder);
        settings["FollowUps:IntervalSeconds"] = "0.2";
        settings["FollowUps:Batch"] = "150"; // several inserts per round, so a kill can land between them
        return settings;
    }

    private static string Batch(int batch) =>
        "response_id,survey,responded_at,score,comment,account_id\n" + string.Concat(Enumerable.Range(0, 100).Select(i =>
            $"b{batch}-{i},{(i % 2 == 0 ? "nps" : "csat")},2026-06-{1 + (i % 28):00}T10:00:00Z,{(i % 2 == 0 ? i % 7 : 1 + (i % 2))},slow support,acct-{i % 9}\n"));

    private static IEnumerable<string> ResponseIds(string csv) => csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]);

    private static async Task ImportAsync(ServerProcess server, string kind, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/import/{kind}") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains("\"rejected\":0", StringComparison.Ordinal), $"{kind} answered {(int)response.StatusCode}: {body}");
    }

    private static async Task<JsonElement> GraphQLAsync(ServerProcess server, string query, object? variables, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await server.Client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls a query (admin key) until its data fits; a minute at most, the loop's promise.</summary>
    private static async Task<JsonElement> WaitForAsync(ServerProcess server, string query, Func<JsonElement, bool> done)
    {
        var body = await Eventually.MatchAsync($"{query} to answer what is awaited", () => GraphQLAsync(server, query, null, HostSettings.AdminKey),
            b => b.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && done(data), TimeSpan.FromMinutes(1));
        return body.GetProperty("data");
    }
}
