using System.Net;
using System.Text;
using Analytics.Reports.Runs;
using MimeKit;

namespace Analytics.Reports.Delivery;

/// <summary>
/// A message to send: recipients, subject, an HTML body (with a plain-text twin) and an optional attachment. Its
/// <c>Name</c> is a file-system-safe name for the outbox (for example <c>weekly-executive-2026-11-23-ab12</c>).
/// </summary>
public sealed record OutgoingMessage(IReadOnlyList<string> To, string Subject, string Html, string Text, ReportFile? Attachment, string Name)
{
    /// <summary>The MIME message, as sent by SMTP and as written to the outbox.</summary>
    public MimeMessage ToMime(string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var to in To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = Subject;
        var body = new BodyBuilder { HtmlBody = Html, TextBody = Text };
        if (Attachment is not null)
        {
            body.Attachments.Add(Attachment.FileName, Attachment.Content, ContentType.Parse(Attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A short HTML page: a heading, a lead line and a two- or three-column table.</summary>
    public static string HtmlTable(string heading, string lead, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\">");
        html.Append("<h2 style=\"margin:0 0 8px\">").Append(WebUtility.HtmlEncode(heading)).Append("</h2>");
        html.Append("<p style=\"margin:0 0 12px\">").Append(WebUtility.HtmlEncode(lead)).Append("</p>");
        html.Append("<table cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse\"><thead><tr>");
        foreach (var h in header)
        {
            html.Append("<th align=\"left\" style=\"border-bottom:2px solid #d1d5db\">").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td style=\"border-bottom:1px solid #e5e7eb\">").Append(WebUtility.HtmlEncode(cell ?? "")).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }
}

/// <summary>What became of a message: a note for the run (where it went).</summary>
public sealed record DeliveryReceipt(string Note, string? OutboxFolder = null);

/// <summary>Sends a message by SMTP, or writes it to the outbox when no SMTP server is configured.</summary>
public interface IReportDelivery
{
    Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
