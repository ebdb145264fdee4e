using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Attribution;

/// <summary>
/// Runs <see cref="OpportunityTouchIndex"/> every <c>Metrics:AttributionIndexIntervalSeconds</c>: the opportunities
/// without a row once after start-up, then those whose touches changed (one cheap look at the latest mark tells).
/// </summary>
public sealed class OpportunityTouchIndexer(
    OpportunityTouchIndex index, IOptions<MetricsOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<OpportunityTouchIndexer> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.AttributionIndexIntervalSeconds);

    protected override string Purpose => "computing opportunities' touches for attribution";

    protected override async Task RoundAsync(CancellationToken cancellationToken)
    {
        await index.EnsureCurrentAsync(cancellationToken);
        await index.FillAsync(cancellationToken);
    }
}
