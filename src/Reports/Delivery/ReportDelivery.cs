using Analytics.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Delivery;

/// <summary>
/// SMTP with MailKit when <c>Smtp:Host</c> is set; otherwise the outbox folder, where each message is a folder holding the
/// <c>.eml</c>, its HTML body and its attachment, so someone can forward it by hand.
/// </summary>
public sealed class ReportDelivery(
    IOptions<SmtpOptions> smtp, IOptions<ReportOptions> reports, IOptions<StorageOptions> storage, ILogger<ReportDelivery> logger) : IReportDelivery
{
    /// <summary>The outbox folder: <c>Reports:OutboxPath</c>, else <c>outbox</c> under <c>Storage:Path</c>.</summary>
    public string OutboxPath => Path.GetFullPath(reports.Value.OutboxPath ?? Path.Combine(storage.Value.Path, "outbox"));

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return await WriteToOutboxAsync(message, settings.From, cancellationToken);
        }

        if (message.To.Count == 0)
        {
            throw new ReportConfigurationException(
                "The message has no recipients: set Reports:Recipients or the report's Reports:Schedules:<report>:Recipients.");
        }

        using var mime = message.ToMime(settings.From);
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = settings.StartTls switch
        {
            "always" => SecureSocketOptions.StartTls,
            "never" => SecureSocketOptions.None,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        var answer = await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent {Subject} to {Recipients} through {SmtpHost}", message.Subject, message.To.Count, settings.Host);
        return new DeliveryReceipt($"Sent by SMTP through {settings.Host}:{settings.Port} to {message.To.Count} recipient(s): {answer}".Trim());
    }

    private async Task<DeliveryReceipt> WriteToOutboxAsync(OutgoingMessage message, string from, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(OutboxPath, message.Name);
        Directory.CreateDirectory(folder);
        using var mime = message.ToMime(from);
        await mime.WriteToAsync(Path.Combine(folder, "message.eml"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "message.html"), message.Html, cancellationToken);
        if (message.Attachment is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, message.Attachment.FileName), message.Attachment.Content, cancellationToken);
        }

        logger.LogInformation("No Smtp:Host: wrote {Subject} to the outbox {Folder}", message.Subject, folder);
        // The note is shown through the API: it names the message's folder, never where the server keeps its files.
        return new DeliveryReceipt($"Smtp:Host is not set: written to the outbox as {message.Name}", folder);
    }
}
