using static Analytics.Reports.Tests.FollowUps.FollowUpWorld;

namespace Analytics.Reports.Tests.FollowUps;

/// <summary>Each new follow-up prompts its owner by email once, through a real SMTP server.</summary>
public sealed class FollowUpPromptTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_follow_up_prompts_its_owner_once_and_an_unowned_one_goes_to_the_report_recipients()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var world = await OpenAsync(Now, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:StartTls"] = "never",
            ["Reports:Surge:Owners:alice"] = "alice@example.com",
            ["FollowUps:PublicUrl"] = "https://abm.example.com/",
        });
        await world.AccountsAsync(("acme", "Acme Corp", "alice"), ("globex", "Globex", "bob"));
        await world.AnswersAsync(
            new Answer("nps", "r1", new DateTime(2026, 11, 29, 15, 30, 0, DateTimeKind.Utc), 3, "Support never answers", "acme"),
            new Answer("nps", "r2", new DateTime(2026, 11, 29, 16, 0, 0, DateTimeKind.Utc), 4, "", "globex"), // bob has no address
            new Answer("csat", "c1", new DateTime(2026, 11, 29, 17, 0, 0, DateTimeKind.Utc), 1, "客服回复太慢"),  // no account
            new Answer("nps", "old", new DateTime(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc), 2, "History import", "acme"));

        await world.Worker().RunOnceAsync(CancellationToken.None);
        await world.Worker().RunOnceAsync(CancellationToken.None);
        // The rounds send as they run, and the sink stores a message before it answers: all they sent is here, a prompt
        // sent twice too.
        var messages = smtp.Messages().OrderBy(m => m.Subject, StringComparer.Ordinal).ToList();
        var receipts = await world.Gateway.QueryAsync("SELECT follow_up_id, recipients, receipt FROM follow_up_notices FINAL")
            .ToDictionaryAsync(r => r.Get<string>("follow_up_id"), r => (r.Get<string[]>("recipients"), r.Get<string>("receipt")));

        Assert.Equal(3, messages.Count);
        Assert.Equal(
            [
                ("Follow up: Acme Corp gave 3 on NPS", "alice@example.com"),
                ("Follow up: Globex gave 4 on NPS", "board@example.com"),
                ("Follow up: an unknown account gave 1 on CSAT", "board@example.com"),
            ],
            messages.Select(m => (m.Subject, m.To.Mailboxes.Single().Address)));
        Assert.Contains("Comment: Support never answers", messages[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Answered: 2026-11-29 15:30 UTC", messages[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("for alice. Mark it contacted once you have reached the customer: https://abm.example.com/#/sales", messages[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("<td style=\"border-bottom:1px solid #e5e7eb\">客服回复太慢</td>", messages[2].HtmlBody, StringComparison.Ordinal);
        Assert.Equal(4, receipts.Count);
        Assert.Empty(receipts[FollowUpStore.IdOf("nps", "old")].Item1);
        Assert.Equal("not sent: answered 90 days before the follow-up opened (FollowUps:PromptWithinDays is 7)", receipts[FollowUpStore.IdOf("nps", "old")].Item2);
        Assert.Equal(["alice@example.com"], receipts[FollowUpStore.IdOf("nps", "r1")].Item1);
        Assert.StartsWith("Sent by SMTP through 127.0.0.1:", receipts[FollowUpStore.IdOf("nps", "r1")].Item2, StringComparison.Ordinal);
    }
}
