using System.Net;
using MimeKit;

namespace Analytics.Reports.Tests.Delivery;

/// <summary>The report by email through a real SMTP server process, and the same PDF downloadable from the server.</summary>
[Collection(ReportsHosts.Collection)]
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task RunReport_mails_one_message_whose_PDF_equals_the_download()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = new ReportsHost(nameof(SmtpDeliveryTests), new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "reports@abm.example",
            ["Smtp:StartTls"] = "never",
            ["Reports:Recipients:0"] = "ceo@example.com",
            ["Reports:Recipients:1"] = "cmo@example.com",
        });
        try
        {
            var body = await host.QueryAsync("""
                mutation { runReport(report: "weekly-executive", periodEnd: "2026-11-30") {
                  id report periodStart periodEnd status recipients pdfUrl error note attempts } }
                """);
            var run = body.GetProperty("data").GetProperty("runReport");
            var messages = await smtp.WaitForAsync(1);
            // The PDF names accounts and quotes detractors: sales may download it, a viewer may not.
            using var viewer = host.ClientWith(ReportsHost.ViewerKey);
            using var refused = await viewer.GetAsync(run.GetProperty("pdfUrl").GetString());
            using var sales = host.ClientWith(Analytics.Testing.HostSettings.SalesKey);
            using var download = await sales.GetAsync(run.GetProperty("pdfUrl").GetString());
            var pdf = await download.Content.ReadAsByteArrayAsync();
            var listed = await host.QueryAsync("""{ reportRuns(report: "weekly-executive") { id status pdfUrl } }""", key: ReportsHost.ViewerKey);

            Assert.Equal(("weekly-executive", "2026-11-23", "2026-11-30", "delivered", 1),
                (run.GetProperty("report").GetString(), run.GetProperty("periodStart").GetString(), run.GetProperty("periodEnd").GetString(),
                 run.GetProperty("status").GetString(), run.GetProperty("attempts").GetInt32()));
            Assert.Equal(["ceo@example.com", "cmo@example.com"], run.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);
            Assert.StartsWith($"Sent by SMTP through 127.0.0.1:{smtp.Port}", run.GetProperty("note").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);

            var message = Assert.Single(messages);
            Assert.Equal(["ceo@example.com", "cmo@example.com"], message.To.Mailboxes.Select(m => m.Address));
            Assert.Equal("reports@abm.example", message.From.Mailboxes.Single().Address);
            Assert.Equal("Weekly executive report: 2026-11-23 to 2026-11-29", message.Subject);
            Assert.Contains("<td style=\"border-bottom:1px solid #e5e7eb\">Engaged accounts</td>", message.HtmlBody, StringComparison.Ordinal);
            var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal(("weekly-executive-2026-11-23-to-2026-11-29.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
            Assert.NotNull(attachment.Content);
            using var attached = new MemoryStream();
            await attachment.Content!.DecodeToAsync(attached);
            Assert.Equal(pdf, attached.ToArray());

            var listedRun = Assert.Single(listed.GetProperty("data").GetProperty("reportRuns").EnumerateArray());
            Assert.Equal((run.GetProperty("id").GetString(), "delivered", run.GetProperty("pdfUrl").GetString()),
                (listedRun.GetProperty("id").GetString(), listedRun.GetProperty("status").GetString(), listedRun.GetProperty("pdfUrl").GetString()));
        }
        finally
        {
            await host.DropDatabaseAsync();
        }
    }

    [Fact]
    public async Task RunReport_needs_an_admin_key_and_a_known_report()
    {
        await using var host = new ReportsHost(nameof(SmtpDeliveryTests));
        try
        {
            var denied = await host.QueryAsync("""mutation { runReport(report: "weekly-executive") { id } }""", key: ReportsHost.ViewerKey);
            var unknown = await host.QueryAsync("""mutation { runReport(report: "monthly-nothing") { id } }""");

            Assert.Equal("ACCESS_DENIED", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            Assert.StartsWith("Unknown report 'monthly-nothing'; known: surge-digest, weekly-executive",
                unknown.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await host.DropDatabaseAsync();
        }
    }
}
