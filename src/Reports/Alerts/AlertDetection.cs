using Microsoft.Extensions.Logging;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Checks every enabled rule (every <c>Alerts:IntervalSeconds</c>, <see cref="AlertDetectionWorker"/>) with its kind's detector and writes what is new to the
/// outbox (<see cref="AlertOutbox.AddNewAsync"/>), which <see cref="AlertDelivery"/> empties. Working from what is
/// stored, with keys derived from what happened, makes a round after a crash find the same alerts and add none twice.
/// One rule failing (its query, say) does not keep the others from being checked.
/// </summary>
public sealed partial class AlertDetection(
    AlertRuleStore rules, AlertOutbox outbox, IEnumerable<IAlertDetector> detectors,
    TimeProvider clock, ILogger<AlertDetection> logger)
{
    private readonly Dictionary<AlertKind, IAlertDetector> _detectors = detectors.ToDictionary(d => d.Kind);

    /// <summary>One round over every enabled rule; returns the alerts added to the outbox.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        Exception? failure = null;
        foreach (var rule in (await rules.ListAsync(cancellationToken)).Where(r => r.Enabled))
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var found = await _detectors[rule.Kind].DetectAsync(rule, now, cancellationToken);
                var fresh = await outbox.AddNewAsync(found, now, cancellationToken);
                if (fresh > 0)
                {
                    LogDetected(fresh, rule.Name);
                }

                added += fresh;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRuleFailed(e, rule.Name);
                failure ??= e;
            }
        }

        return failure is null ? added : throw new InvalidOperationException("At least one alert rule could not be checked; see the log.", failure);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Alerts} new alert(s) of rule {Rule}")]
    private partial void LogDetected(int alerts, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert rule {Rule} could not be checked")]
    private partial void LogRuleFailed(Exception exception, string rule);
}
