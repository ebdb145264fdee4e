using Analytics.Reports.Alerts;

namespace Analytics.Reports.Tests.Alerts;

/// <summary>The daily digest tells each owner, by SMTP, which of their accounts surged past the factor.</summary>
public sealed class SurgeDigestTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTime ThisWeek = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Each_owner_gets_one_digest_of_their_surging_accounts()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var database = await ReportsWorld.NewDatabaseAsync(nameof(SurgeDigestTests));
        await using var world = await ReportsWorld.OpenAsync(database, Morning, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:StartTls"] = "never",
            ["Reports:Surge:Factor"] = "3",
            ["Reports:Surge:Owners:alice"] = "alice@example.com",
            ["Reports:Surge:Owners:bob"] = "bob@example.com",
            ["Reports:Surge:Owners:dave"] = "dave@example.com",
        });
        await LoadAsync(world.Gateway,
            ("acme", "alice", [1, 1, 1, 1], 12),      // surge 12: listed
            ("globex", "alice", [12, 12, 12, 12], 12), // surge 1: steady, not listed
            ("initech", "bob", [2, 2, 2, 2], 15),     // surge 7.5: listed
            ("umbrella", "carol", [1, 1, 1, 1], 20),  // surging, but carol has no address
            ("hooli", "dave", [], 0));                // nothing: dave gets no message

        var run = await world.Runner.RunAsync(new ReportRequest(SurgeDigest.Report, new DateOnly(2026, 11, 30), Morning.UtcDateTime), null, CancellationToken.None);
        var messages = (await smtp.WaitForAsync(2)).OrderBy(m => m.To.Mailboxes.Single().Address, StringComparer.Ordinal).ToList();

        Assert.Equal((RunStatus.Delivered, new DateOnly(2026, 11, 23), (string?)null), (run.Status, run.PeriodStart, run.File));
        Assert.Equal(["alice@example.com", "bob@example.com"], run.Recipients);
        Assert.Equal(["alice@example.com", "bob@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal("Surging accounts: 1 of yours, 2026-11-23 to 2026-11-29", messages[0].Subject);
        Assert.Contains("<td style=\"border-bottom:1px solid #e5e7eb\">acme</td><td style=\"border-bottom:1px solid #e5e7eb\">12&#215;</td>", messages[0].HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", messages[0].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("initech</td><td style=\"border-bottom:1px solid #e5e7eb\">7.5&#215;</td>", messages[1].HtmlBody, StringComparison.Ordinal);
        Assert.Empty(messages.SelectMany(m => m.Attachments));
    }

    [Fact]
    public async Task A_day_without_surges_sends_nothing_and_says_so()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(SurgeDigestTests));
        await using var world = await ReportsWorld.OpenAsync(database, Morning, new Dictionary<string, string?>
        {
            ["Reports:Surge:Owners:alice"] = "alice@example.com",
        });

        var run = await world.Runner.RunAsync(new ReportRequest(SurgeDigest.Report, new DateOnly(2026, 11, 30), Morning.UtcDateTime), null, CancellationToken.None);

        Assert.Equal((RunStatus.Delivered, "No account crossed the surge factor 2; nothing to send."), (run.Status, run.Note));
        Assert.False(Directory.Exists(world.Outbox));
    }

    // Page views (1 point each): per account, the four weeks before the digest's week, then the week itself.
    private static async Task LoadAsync(IClickHouseGateway gateway, params (string Id, string Owner, int[] Before, int Now)[] accounts)
    {
        var imported = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await gateway.InsertAsync("accounts", ["account_id", "name", "owner", "updated_at"],
            accounts.Select(a => new object?[] { a.Id, a.Id, a.Owner, imported }));
        var events = new List<object?[]>();
        foreach (var (id, _, before, now) in accounts)
        {
            for (var week = 0; week < before.Length; week++)
            {
                events.AddRange(PageViews(id, ThisWeek.AddDays(-7 * (4 - week)), before[week]));
            }

            events.AddRange(PageViews(id, ThisWeek, now));
        }

        await gateway.InsertAsync("events", ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "url"], events);
    }

    private static IEnumerable<object?[]> PageViews(string account, DateTime start, int count) =>
        Enumerable.Range(0, count).Select(i => new object?[]
        {
            $"{account}-{start:yyyyMMdd}-{i}", start.AddHours(i), start.AddHours(i), "web", "page_view", account, "https://example.com/blog",
        });
}
