using System.Diagnostics;
using System.Text;
using Analytics.Reports.Delivery;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

/// <summary>What one attempt gave: success, the HTTP status when one came back, the error otherwise.</summary>
public sealed record SendResult(bool Succeeded, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// Sends one alert on its rule's channel: Slack's message or the signed webhook JSON by HTTP POST (timeout
/// <c>Alerts:TimeoutSeconds</c>, every connection through <see cref="AddressGuard"/>), or the email through the reports'
/// delivery. A 2xx answer is a success; anything else, a timeout or a refused address is an error to retry.
/// </summary>
public sealed class AlertSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly AlertMessages _messages;
    private readonly IReportDelivery _email;
    private readonly TimeProvider _clock;

    public AlertSender(AlertMessages messages, IReportDelivery email, IOptions<AlertOptions> options, TimeProvider clock)
    {
        var guard = new AddressGuard(options.Value.AllowPrivateAddresses);
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false, // a redirect could lead inside the network past the save-time check
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
        };
        _messages = messages;
        _email = email;
        _clock = clock;
    }

    public async Task<SendResult> SendAsync(Alert alert, AlertRule rule, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            if (rule.Channel == AlertChannel.Email)
            {
                await _email.SendAsync(_messages.Email(alert, rule), cancellationToken);
                return new SendResult(true, null, null, (int)watch.ElapsedMilliseconds);
            }

            var body = rule.Channel == AlertChannel.Slack ? _messages.SlackBody(alert, rule) : _messages.WebhookBody(alert, rule);
            using var request = new HttpRequestMessage(HttpMethod.Post, rule.Target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.IdempotencyHeader, alert.Key);
            if (rule.Channel == AlertChannel.Webhook)
            {
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(rule.Secret!, _clock.GetUtcNow(), body));
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SendResult(true, code, null, (int)watch.ElapsedMilliseconds)
                : new SendResult(false, code, $"HTTP {code} {response.ReasonPhrase}: {await Excerpt(response, cancellationToken)}".TrimEnd(' ', ':'), (int)watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not swallowed: the error is the attempt's record in the delivery history, and the alert is tried again.
            // TRICKY: the URL can be a secret (Slack's is): the message of an HTTP error may carry it, so it is masked.
            var message = e is TaskCanceledException ? "No answer within Alerts:TimeoutSeconds." : e.Message.Replace(rule.Target, AddressGuard.Mask(rule.Target), StringComparison.Ordinal);
            return new SendResult(false, null, message, (int)watch.ElapsedMilliseconds);
        }
    }

    private static async Task<string> Excerpt(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
    }

    public void Dispose() => _http.Dispose();
}
