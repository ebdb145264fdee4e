using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

/// <summary>Runs <see cref="AlertDetection"/> every <c>Alerts:IntervalSeconds</c>.</summary>
public sealed class AlertDetectionWorker(
    AlertDetection detection, IOptions<AlertOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<AlertDetectionWorker> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override string Purpose => "detecting alerts";

    protected override Task RoundAsync(CancellationToken cancellationToken) => detection.RunOnceAsync(cancellationToken);
}

/// <summary>Runs <see cref="AlertDelivery"/> every <c>Alerts:DeliveryIntervalSeconds</c>, apart from detection: a slow receiver delays no detection.</summary>
public sealed class AlertDeliveryWorker(
    AlertDelivery delivery, IOptions<AlertOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<AlertDeliveryWorker> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.DeliveryIntervalSeconds);

    protected override string Purpose => "delivering alerts";

    protected override Task RoundAsync(CancellationToken cancellationToken) => delivery.RunOnceAsync(cancellationToken);
}
