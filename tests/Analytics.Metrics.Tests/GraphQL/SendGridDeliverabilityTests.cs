using System.Net.Http.Headers;
using System.Text;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// SendGrid's documented example events through the webhook (signed in as SendGrid's webhook URLs do, the key as the
/// Basic password) and back out through GraphQL: delivery reports and machine opens are counted for deliverability and
/// neither reach nor score an account; a person's opens and clicks do.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class SendGridDeliverabilityTests : IAsyncLifetime
{
    private const string Window = """from: "2017-12-01", to: "2018-01-01" """;

    // One of each event of SendGrid's Event Webhook reference (twilio.com/docs/sendgrid/for-developers/tracking-events/event),
    // as documented, but each with an id of its own: the reference gives every example the id "sg_event_id", which would
    // make them one event. example@test.com is acme's contact (acme's domain is test.com).
    private const string DocumentedExample = """
        [
          {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "processed", "category": "cat facts", "sg_event_id": "doc-processed", "sg_message_id": "sg_message_id"},
          {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "deferred", "ip": "168.1.1.1", "category": "cat facts", "sg_event_id": "doc-deferred", "sg_message_id": "sg_message_id", "response": "400 try again later", "attempt": "5"},
          {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "delivered", "ip": "168.1.1.1", "category": "cat facts", "sg_event_id": "doc-delivered", "sg_message_id": "sg_message_id", "response": "250 OK"},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "open", "sg_machine_open": false, "category": "cat facts", "sg_event_id": "doc-open", "sg_message_id": "sg_message_id", "useragent": "Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)", "ip": "255.255.255.255"},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "click", "category": "cat facts", "sg_event_id": "doc-click", "sg_message_id": "sg_message_id", "useragent": "Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)", "ip": "255.255.255.255", "url": "http://www.sendgrid.com/"},
          {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "bounce", "category": "cat facts", "sg_event_id": "doc-bounce", "sg_message_id": "sg_message_id", "reason": "500 unknown recipient", "status": "5.0.0", "type": "bounce", "bounce_classification": "invalid"},
          {"email": "example@test.com", "timestamp": 1513299569, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "dropped", "category": "cat facts", "sg_event_id": "doc-dropped", "sg_message_id": "sg_message_id", "reason": "Bounced Address", "status": "5.0.0"},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "spamreport", "category": "cat facts", "sg_event_id": "doc-spamreport", "sg_message_id": "sg_message_id"},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "unsubscribe", "category": "cat facts", "sg_event_id": "doc-unsubscribe", "sg_message_id": "sg_message_id"},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "group_unsubscribe", "category": "cat facts", "sg_event_id": "doc-group-unsubscribe", "sg_message_id": "sg_message_id", "useragent": "Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)", "ip": "255.255.255.255", "url": "http://www.sendgrid.com/", "asm_group_id": 10},
          {"email": "example@test.com", "timestamp": 1513299569, "event": "group_resubscribe", "category": "cat facts", "sg_event_id": "doc-group-resubscribe", "sg_message_id": "sg_message_id", "useragent": "Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)", "ip": "255.255.255.255", "url": "http://www.sendgrid.com/", "asm_group_id": 10}
        ]
        """;

    // A Marketing Campaigns send to beta: processed, delivered, and opened only by Apple Mail Privacy Protection.
    private const string MachineOpenedCampaign = """
        [
          {"email": "jo@beta.example", "timestamp": 1513299569, "event": "processed", "category": ["newsletter"], "sg_event_id": "beta-processed", "marketing_campaign_id": 12345, "marketing_campaign_name": "Spring launch"},
          {"email": "jo@beta.example", "timestamp": 1513299600, "event": "delivered", "category": ["newsletter"], "sg_event_id": "beta-delivered", "marketing_campaign_id": 12345, "marketing_campaign_name": "Spring launch", "response": "250 OK"},
          {"email": "jo@beta.example", "timestamp": 1513299700, "event": "open", "sg_machine_open": true, "category": ["newsletter"], "sg_event_id": "beta-machine-open", "marketing_campaign_id": 12345, "marketing_campaign_name": "Spring launch"}
        ]
        """;

    private readonly GraphQLHost _host = new(nameof(SendGridDeliverabilityTests));

    public async Task InitializeAsync()
    {
        await PostAsync("/v1/import/accounts", "account_id,name,domain\r\nacme,Acme,test.com\r\nbeta,Beta,beta.example\r\n", "text/csv");
        await Eventually.MatchAsync("the accounts to be stored", () => CountAsync("SELECT count() FROM accounts FINAL"), n => n == 2);
        await PostAsync("/v1/webhooks/sendgrid", DocumentedExample, "application/json", SendGridBasicAuth);
        await PostAsync("/v1/webhooks/sendgrid", MachineOpenedCampaign, "application/json", SendGridBasicAuth);
        // TRICKY: the events are visible before their views' rows are; the spool drained means the whole insert returned.
        await Eventually.MatchAsync("the 14 email events to be stored", () => CountAsync("SELECT count() FROM events"), n => n == 14);
        using var client = _host.ClientWith(null);
        await Eventually.MatchAsync("the spool to drain", () => client.GetStringAsync("/healthz"),
            report => report.Contains("\"spool backlog 0 bytes\"", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Deliverability_counts_every_report_per_campaign_named_by_the_marketing_campaign()
    {
        var all = await DataAsync($$"""{ deliverability({{Window}}) { campaign delivered bounced dropped spamReports unsubscribes opens machineOpens clicks bounceRate spamReportRate unsubscribeRate openRate } }""");
        var one = await DataAsync($$"""{ deliverability({{Window}}, campaign: "Spring launch") { campaign delivered machineOpens } }""");

        Assert.Equal(
            """[{"campaign":"Spring launch","delivered":1,"bounced":0,"dropped":0,"spamReports":0,"unsubscribes":0,"opens":0,"machineOpens":1,"clicks":0,"bounceRate":0,"spamReportRate":0,"unsubscribeRate":0,"openRate":0},"""
            + """{"campaign":"cat facts","delivered":1,"bounced":1,"dropped":1,"spamReports":1,"unsubscribes":2,"opens":1,"machineOpens":0,"clicks":1,"bounceRate":0.5,"spamReportRate":1,"unsubscribeRate":2,"openRate":1}]""",
            all.GetProperty("deliverability").GetRawText());
        Assert.Equal("""[{"campaign":"Spring launch","delivered":1,"machineOpens":1}]""", one.GetProperty("deliverability").GetRawText());
    }

    [Fact]
    public async Task Delivery_reports_and_machine_opens_reach_no_account_and_make_none_aware()
    {
        var data = await DataAsync($$"""
            {
              campaignPerformance({{Window}}) { campaign accountsReached }
              engagement({{Window}}) { channels { key events accountsReached } campaigns { key events accountsReached } }
              journey({{Window}}) { stages { name atEnd } }
            }
            """);

        // Only acme's person opened and clicked; beta's Spring launch mail was delivered and opened by a machine.
        Assert.Equal("""[{"campaign":"cat facts","accountsReached":1}]""", data.GetProperty("campaignPerformance").GetRawText());
        Assert.Equal(
            """{"channels":[{"key":"email","events":2,"accountsReached":1}],"campaigns":[{"key":"cat facts","events":2,"accountsReached":1}]}""",
            data.GetProperty("engagement").GetRawText());
        Assert.Equal(
            [("TARGET", 1), ("AWARE", 1), ("ENGAGED", 0), ("OPPORTUNITY", 0), ("CUSTOMER", 0)],
            data.GetProperty("journey").GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("atEnd").GetInt32())));
    }

    [Fact]
    public async Task Only_a_persons_open_and_click_score_and_a_model_cannot_price_a_delivery_report()
    {
        // A threshold of 1, so that an account with a single priced event shows as engaged.
        var (_, saved) = await _host.QueryAsync("""
            mutation { setScoringModel(model: { rules: [{ channel: "email", type: "open", points: 1 }, { channel: "email", type: "click", points: 2 }], highValuePatterns: [], threshold: 1 }) { threshold } }
            """);
        var (_, refused) = await _host.QueryAsync("""
            mutation { setScoringModel(model: { rules: [{ channel: "email", type: "machine_open", points: 1 }, { channel: "email", type: "delivered", points: 1 }], highValuePatterns: [], threshold: 1 }) { threshold } }
            """);
        var engaged = await DataAsync($$"""{ engagedAccounts({{Window}}) { edges { node { accountId score } } } }""");

        Assert.False(saved.TryGetProperty("errors", out _), saved.GetRawText());
        Assert.Equal("""{"edges":[{"node":{"accountId":"acme","score":3}}]}""", engaged.GetProperty("engagedAccounts").GetRawText());
        var message = refused.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains("'email/machine_open' is a delivery report, not engagement", message, StringComparison.Ordinal);
        Assert.Contains("'email/delivered' is a delivery report, not engagement", message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> DataAsync(string query)
    {
        var (_, body) = await _host.QueryAsync(query);
        Assert.False(body.TryGetProperty("errors", out _), body.GetRawText());
        return body.GetProperty("data");
    }

    /// <summary>The key as the password, as a webhook URL with credentials carries it (https://sendgrid:KEY@host/...).</summary>
    private static AuthenticationHeaderValue SendGridBasicAuth =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:" + GraphQLHost.IngestKey)));

    private async Task PostAsync(string path, string body, string contentType, AuthenticationHeaderValue? authorization = null)
    {
        using var client = _host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)) };
        request.Headers.Authorization = authorization ?? new AuthenticationHeaderValue("Bearer", GraphQLHost.IngestKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<ulong> CountAsync(string sql)
    {
        await foreach (var row in _host.Gateway.QueryAsync(sql))
        {
            return row.Get<ulong>(0);
        }

        return 0;
    }
}
