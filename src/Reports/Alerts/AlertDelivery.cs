using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Delivers the outbox's due alerts (every <c>Alerts:DeliveryIntervalSeconds</c>, <see cref="AlertDeliveryWorker"/>), <c>Alerts:Concurrency</c> at a time, on
/// a worker of its own (ingestion and queries never wait on it). Each attempt is recorded; a failed one is retried after
/// <c>Alerts:RetryBaseSeconds</c>, doubling up to <c>Alerts:RetryMaxSeconds</c>, until <c>Alerts:MaxAttempts</c> make it
/// FAILED. At least once: a crash after a send and before its record sends it again, with the same idempotency key.
/// </summary>
public sealed partial class AlertDelivery(
    AlertOutbox outbox, AlertRuleStore rules, AlertSender sender, IOptions<AlertOptions> options,
    TimeProvider clock, ILogger<AlertDelivery> logger)
{
    private const int PerRound = 200;

    /// <summary>One round: every alert due now gets an attempt. Returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(clock.GetUtcNow().UtcDateTime, PerRound, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var byId = (await rules.ListAsync(cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (alert, ct) => await AttemptAsync(alert, byId.GetValueOrDefault(alert.RuleId), ct));
        return due.Count;
    }

    private async Task AttemptAsync(Alert alert, AlertRule? rule, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (rule is not { Enabled: true })
        {
            await outbox.GiveUpAsync(alert, rule is null ? "The rule was deleted before the alert was delivered." : "The rule was disabled before the alert was delivered.", now, cancellationToken);
            return;
        }

        var result = await sender.SendAsync(alert, rule, cancellationToken);
        var attempts = alert.Attempts + 1;
        var settings = options.Value;
        var updated = result.Succeeded
            ? alert with { Status = AlertStatus.Delivered, Attempts = attempts, DeliveredAt = now, UpdatedAt = clock.GetUtcNow().UtcDateTime }
            : alert with
            {
                Status = attempts >= settings.MaxAttempts ? AlertStatus.Failed : AlertStatus.Pending,
                Attempts = attempts,
                LastError = result.Error,
                NextAttemptAt = now + Backoff(attempts, settings),
                UpdatedAt = clock.GetUtcNow().UtcDateTime,
            };
        await outbox.RecordAsync(new AlertAttempt(alert.Key, attempts, now, rule.Channel, result.StatusCode, result.Error, result.DurationMs), updated, cancellationToken);
        if (result.Succeeded)
        {
            LogDelivered(alert.Key, rule.Name, attempts);
        }
        else
        {
            LogFailed(alert.Key, rule.Name, attempts, result.Error);
        }
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: the base, doubled after each earlier failure, capped.</summary>
    public static TimeSpan Backoff(int attempts, AlertOptions settings) =>
        TimeSpan.FromSeconds(Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 30))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered alert {AlertKey} of rule {Rule} at attempt {Attempt}")]
    private partial void LogDelivered(string alertKey, string rule, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertKey} of rule {Rule}: attempt {Attempt} failed: {Error}")]
    private partial void LogFailed(string alertKey, string rule, int attempt, string? error);
}
