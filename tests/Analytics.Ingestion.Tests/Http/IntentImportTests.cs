using System.Net;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// The intent import of a real server: rows by account id or by domain (an account's domain, or a Segment group
/// member's email domain; never free mail), each refused row by line with its reason, and a later import of the same
/// account, topic and week replacing the score.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class IntentImportTests : IAsyncLifetime
{
    private readonly string _folder = HostSettings.NewDataFolder();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(_folder));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> ImportAsync(string kind, string csv)
    {
        var (status, body) = await AnswerAsync(await PostBytesAsync(_server, $"/v1/import/{kind}", Encoding.UTF8.GetBytes(csv), "text/csv"));
        Assert.True(status == 200, $"{kind} answered {status}: {body}");
        return body;
    }

    [Fact]
    public async Task Intent_rows_resolve_domains_to_accounts_refuse_bad_rows_by_line_and_a_later_import_replaces_a_score()
    {
        await ImportAsync("accounts", "account_id,name,domain\r\nacme,Acme,acme.com\r\nsole,Sole Trader,gmail.com\r\n");
        // A product's workspace that matches no CRM account: an account of its own, known by its member's email domain.
        await PostJsonOkAsync(_server, "/v1/batch", """
            {"batch": [
              {"type": "identify", "userId": "u1", "traits": {"email": "peter@globex.io"}},
              {"type": "group", "userId": "u1", "groupId": "ws_9", "traits": {"name": "Globex workspace"}}
            ]}
            """);
        await WaitForRowsAsync(_server, "group_accounts", 1);
        await WaitForRowsAsync(_server, "accounts", 3);

        var answer = await ImportAsync("intent", "account_id,domain,topic,score,week\r\n"
            + "acme,,Data Warehouse,80,2026-03-02\r\n"
            + ",https://www.Acme.com/,ETL,35,2026-03-02\r\n"
            + ",globex.io, data warehouse ,60,2026-02-23\r\n"
            + ",gmail.com,CRM,50,2026-03-02\r\n"
            + ",nowhere.example,CRM,50,2026-03-02\r\n"
            + "acme,,CRM,50,2026-03-03\r\n"
            + "acme,,CRM,101,2026-03-02\r\n"
            + ",,CRM,10,2026-03-02\r\n");
        await ImportAsync("intent", "account_id,topic,score,week\r\nacme,Data Warehouse,90,2026-03-02\r\n");
        await WaitForDrainedAsync(_server);
        await _server.StopCleanlyAsync();

        Assert.Equal(3, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [
                (5, "domain gmail.com is a free-mail domain, which names no company: give the account_id"),
                (6, "domain nowhere.example resolves to no account (no account has it as its domain, nor a member of a Segment group its email domain): import the account first, or give the account_id"),
                (7, "week 2026-03-03 is a Tuesday, not a Monday (the week's first day, e.g. 2026-03-02)"),
                (8, "score 101 is more than 100"),
                (9, "account_id or domain is required, both are empty"),
            ],
            Errors(answer));
        Assert.Equal(
            [["acme", "Data Warehouse", (byte)90, new DateOnly(2026, 3, 2)], ["acme", "ETL", (byte)35, new DateOnly(2026, 3, 2)], ["ws_9", "data warehouse", (byte)60, new DateOnly(2026, 2, 23)]],
            await ReadStoppedAsync(_folder, "SELECT account_id, topic, score, week FROM account_intent FINAL ORDER BY account_id, topic"));
        var letter = await ReadStoppedAsync(_folder, "SELECT source, reason, payload FROM dead_letters WHERE location = '6'");
        Assert.Equal("csv:intent", letter[0][0]);
        Assert.Contains("nowhere.example", (string)letter[0][2]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_outside_the_supported_range_or_a_missing_topic_is_refused()
    {
        var answer = await ImportAsync("intent", "account_id,topic,score,week\r\nacme,,10,2026-03-02\r\nacme,CRM,10,1969-12-29\r\nacme,CRM,ten,2026-03-02\r\n");

        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal([2, 3, 4], Errors(answer).Select(e => e.Item1));
        Assert.Equal("topic is required but empty", Errors(answer)[0].Item2);
        Assert.Equal("score ten is not a whole number", Errors(answer)[2].Item2);
    }

    [Fact]
    public async Task A_header_without_account_id_or_domain_is_refused_whole()
    {
        var (status, body) = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/intent", "topic,score,week\r\nCRM,10,2026-03-02\r\n"u8.ToArray(), "text/csv"));

        Assert.Equal((int)HttpStatusCode.BadRequest, status);
        Assert.Contains("account_id", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
