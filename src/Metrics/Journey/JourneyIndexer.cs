using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Journey;

/// <summary>
/// Runs <see cref="JourneyIndex"/> every <c>Journey:IndexIntervalSeconds</c>: all accounts once at start-up, then
/// only when activity was stored since the last round (one cheap look at the latest mark tells).
/// </summary>
public sealed class JourneyIndexer(
    JourneyIndex index, IOptions<JourneyOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<JourneyIndexer> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IndexIntervalSeconds);

    protected override string Purpose => "computing journey spans";

    protected override Task RoundAsync(CancellationToken cancellationToken) => index.EnsureCurrentAsync(cancellationToken);
}
