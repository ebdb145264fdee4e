using static Analytics.Api.Tests.Alerts.AlertServer;

namespace Analytics.Api.Tests.Alerts;

/// <summary>Saving rules on a server with the default settings: internal addresses refused, secrets never shown, admins only.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class AlertRuleTests
{
    private const string Save = """
        mutation ($kind: AlertKind!, $channel: AlertChannel!, $url: String, $address: String, $secret: String, $factor: Float, $stage: String) {
          saveAlertRule(name: "A rule", kind: $kind, factor: $factor, stage: $stage, channel: $channel, url: $url, address: $address, secret: $secret) { id }
        }
        """;

    [Fact]
    public async Task Urls_reaching_internal_addresses_and_bad_rules_are_refused_and_secrets_are_never_returned()
    {
        await using var server = await ServerProcess.StartAsync(Settings(HostSettings.NewDataFolder(), allowPrivate: false));

        async Task<string?> Refusal(object rule)
        {
            var answer = await GraphQLAsync(server, Save, rule);
            return answer.TryGetProperty("errors", out var errors)
                ? $"{errors[0].GetProperty("extensions").GetProperty("code").GetString()}: {errors[0].GetProperty("message").GetString()}"
                : null;
        }

        const string Internal = "a loopback, link-local, private or otherwise internal address; alerts are not sent inside the server's own network (Alerts:AllowPrivateAddresses allows it).";
        Assert.Equal($"INVALID_ARGUMENT: The URL's host 10.1.2.3 is 10.1.2.3, {Internal}",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "SLACK", url = "http://10.1.2.3/hook" }));
        Assert.Equal($"INVALID_ARGUMENT: The URL's host 127.0.0.1 is 127.0.0.1, {Internal}",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "WEBHOOK", url = "http://127.0.0.1:9/hook", secret = Secret }));
        Assert.Equal($"INVALID_ARGUMENT: The URL's host [::ffff:169.254.169.254] is ::ffff:169.254.169.254, {Internal}",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "SLACK", url = "http://[::ffff:169.254.169.254]/latest/meta-data" }));
        Assert.StartsWith("INVALID_ARGUMENT: The URL's host localhost is ",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "SLACK", url = "http://localhost:8080/hook" }));
        Assert.Equal($"INVALID_ARGUMENT: The URL's host [fd00::1] is fd00::1, {Internal}",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "SLACK", url = "https://[fd00::1]/hook" }));
        Assert.Equal("INVALID_ARGUMENT: 'ftp://example.invalid/…' is not an absolute http or https URL.",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "SLACK", url = "ftp://example.invalid/x" }));
        Assert.Equal("INVALID_ARGUMENT: A webhook rule needs a secret of at least 16 characters to sign its alerts with.",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "WEBHOOK", url = "https://hooks.example.invalid/x" }));
        Assert.Equal("INVALID_ARGUMENT: A surge rule needs a factor above 0 and at most 1000 (2 = twice the account's usual week).",
            await Refusal(new { kind = "SURGE", channel = "EMAIL", address = "sales@example.com" }));
        Assert.Equal("INVALID_ARGUMENT: A stage rule needs one of the stages AWARE, ENGAGED, OPPORTUNITY, CUSTOMER.",
            await Refusal(new { kind = "STAGE_ENTERED", stage = "TARGET", channel = "EMAIL", address = "sales@example.com" }));
        Assert.Equal("INVALID_ARGUMENT: 'not an address' is not an email address.",
            await Refusal(new { kind = "FOLLOW_UP_OPENED", channel = "EMAIL", address = "not an address" }));

        await SaveRuleAsync(server, new { name = "Slack", kind = "SURGE", factor = 2.5, channel = "SLACK", url = "https://hooks.slack.invalid/services/T0/B0/slack-token-part" });
        var webhook = await SaveRuleAsync(server, new { name = "Webhook", kind = "STAGE_ENTERED", stage = "CUSTOMER", channel = "WEBHOOK", url = "https://crm.example.invalid/in?token=query-token-part", secret = Secret });
        await SaveRuleAsync(server, new { name = "Email", kind = "FOLLOW_UP_OPENED", channel = "EMAIL", address = "cs@example.com" });
        // Renamed without its URL and secret: both kept.
        var renamed = await GraphQLAsync(server, """mutation ($id: ID!) { saveAlertRule(id: $id, name: "Webhook 2", kind: STAGE_ENTERED, stage: "CUSTOMER", channel: WEBHOOK) { name target hasSecret } }""", new { id = webhook });
        var rules = await GraphQLAsync(server, "{ alertRules { name kind factor stage channel target hasSecret enabled } }");
        var byViewer = await GraphQLAsync(server, "{ alertRules { name } }", key: HostSettings.ViewerKey);

        // The server's JSON escapes the ellipsis of a masked URL.
        Assert.Equal("""{"data":{"saveAlertRule":{"name":"Webhook 2","target":"https://crm.example.invalid/\u2026","hasSecret":true}}}""", renamed.GetRawText());
        Assert.Equal(
            """{"data":{"alertRules":[""" +
            """{"name":"Email","kind":"FOLLOW_UP_OPENED","factor":null,"stage":null,"channel":"EMAIL","target":"cs@example.com","hasSecret":false,"enabled":true},""" +
            """{"name":"Slack","kind":"SURGE","factor":2.5,"stage":null,"channel":"SLACK","target":"https://hooks.slack.invalid/\u2026","hasSecret":false,"enabled":true},""" +
            """{"name":"Webhook 2","kind":"STAGE_ENTERED","factor":null,"stage":"CUSTOMER","channel":"WEBHOOK","target":"https://crm.example.invalid/\u2026","hasSecret":true,"enabled":true}]}}""",
            rules.GetRawText());
        Assert.DoesNotContain("token-part", rules.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, rules.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("ACCESS_DENIED", byViewer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        await server.StopCleanlyAsync();
    }
}
