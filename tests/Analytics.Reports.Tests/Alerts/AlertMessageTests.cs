using System.Net;
using System.Text.Json.Nodes;
using Analytics.Reports.Alerts;
using Analytics.Reports.Delivery;
using Json.Schema;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Tests.Alerts;

/// <summary>What an alert says: Slack's Block Kit shape, the email, and the connection guard refusing internal addresses.</summary>
public sealed class AlertMessageTests
{
    private static readonly AlertMessages Messages = new(new Uri("https://abm.example.com/ui/"));

    private static readonly AlertRule Rule = new(
        "rule-1", "Big surges", AlertKind.Surge, new AlertParameters(Factor: 3), AlertChannel.Slack,
        "https://hooks.slack.com/services/T0/B0/secret", null, true, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

    private static readonly Alert Surge = new(
        "0123456789abcdef0123456789abcdef", Rule.Id, AlertKind.Surge, "acme co", "Acme & <Sons>", new DateTime(2026, 12, 4, 10, 30, 0, DateTimeKind.Utc),
        "Acme & <Sons> is surging: 12× its usual week (12 points in the last 7 days, 1 a week in the 4 weeks before).", """{"surge":12}""",
        new DateTime(2026, 12, 4, 10, 30, 0, DateTimeKind.Utc), AlertStatus.Pending, 0, null, DateTime.UnixEpoch, null, DateTime.UnixEpoch);

    private static readonly JsonSchema BlockKit = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Alerts", "slack-block-kit.schema.json"));

    [Fact]
    public void The_slack_message_fits_the_documented_block_kit_shape_and_names_the_account_with_a_link()
    {
        var body = Messages.SlackBody(Surge, Rule);
        var json = JsonNode.Parse(body)!;

        var result = BlockKit.Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, body);
        Assert.Equal(Surge.Summary, json["text"]!.GetValue<string>());
        Assert.Equal(
            "*<https://abm.example.com/ui/#/sales?accountId=acme%20co|Acme &amp; &lt;Sons&gt;>*\n" +
            "Acme &amp; &lt;Sons&gt; is surging: 12× its usual week (12 points in the last 7 days, 1 a week in the 4 weeks before).",
            json["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("https://abm.example.com/ui/#/sales?accountId=acme%20co", json["blocks"]![1]!["elements"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("Alert rule *Big surges* · 2026-12-04 10:30 UTC", json["blocks"]![2]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void The_schema_refuses_what_slack_would()
    {
        var withoutBlocks = """{"text":"x"}""";
        var badBlock = """{"text":"x","blocks":[{"type":"section","text":{"type":"markdown","text":"x"}}]}""";
        var longButton = """{"text":"x","blocks":[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"TEXT"}}]}]}"""
            .Replace("TEXT", new string('a', 76), StringComparison.Ordinal);

        Assert.False(FitsBlockKit(withoutBlocks));
        Assert.False(FitsBlockKit(badBlock));
        Assert.False(FitsBlockKit(longButton));
    }

    [Fact]
    public void An_alert_without_an_account_has_no_link_and_still_fits()
    {
        var body = Messages.SlackBody(Surge with { AccountId = null, AccountName = null, Summary = "An unknown account answered 2 on nps." }, Rule);
        var json = JsonNode.Parse(body)!;

        Assert.True(FitsBlockKit(body), body);
        Assert.Equal(["section", "context"], json["blocks"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("*An unknown account*\nAn unknown account answered 2 on nps.", json["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_email_alert_goes_through_the_reports_delivery_with_the_link()
    {
        var outbox = TestFolders.NewPath("alert-outbox");
        using var sender = Sender(allowPrivate: false, outbox);

        var result = await sender.SendAsync(Surge, Rule with { Channel = AlertChannel.Email, Target = "sales@example.com" }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        using var mail = await MimeKit.MimeMessage.LoadAsync(Path.Combine(outbox, $"alert-{Surge.Key}", "message.eml"));
        Assert.Equal(("sales@example.com", "Alert: Acme & <Sons> – Big surges"), (mail.To.Mailboxes.Single().Address, mail.Subject));
        Assert.Equal(
            Surge.Summary + "\n\nRule: Big surges\nWhen: 2026-12-04T10:30:00.000Z\nAccount: https://abm.example.com/ui/#/sales?accountId=acme%20co",
            mail.TextBody?.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_at_connect_time()
    {
        using var sender = Sender(allowPrivate: false, TestFolders.NewPath("alert-outbox"));

        var result = await sender.SendAsync(Surge, Rule with { Target = "http://localhost:9/hook" }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("localhost resolves only to internal addresses", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    public void Internal_addresses_are_forbidden_and_public_ones_not(string address, bool forbidden) =>
        Assert.Equal(forbidden, AddressGuard.IsForbidden(IPAddress.Parse(address)));

    private static bool FitsBlockKit(string json) => BlockKit.Evaluate(JsonDocument.Parse(json).RootElement).IsValid;

    private static AlertSender Sender(bool allowPrivate, string outbox) => new(
        Messages,
        new ReportDelivery(Options.Create(new SmtpOptions()), Options.Create(new ReportOptions { OutboxPath = outbox }),
            Options.Create(new StorageOptions()), NullLogger<ReportDelivery>.Instance),
        Options.Create(new AlertOptions { AllowPrivateAddresses = allowPrivate }),
        TimeProvider.System);
}
