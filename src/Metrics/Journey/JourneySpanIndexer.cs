using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Journey;

/// <summary>
/// Runs <see cref="JourneySpanIndex"/> every <c>Journey:IndexIntervalSeconds</c>: all accounts once at start-up, then
/// only when activity was stored since the last round (one cheap look at the latest mark tells).
/// </summary>
public sealed class JourneySpanIndexer(
    JourneySpanIndex index, IOptions<JourneyOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<JourneySpanIndexer> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IndexIntervalSeconds);

    protected override string Purpose => "computing journey spans";

    protected override Task RoundAsync(CancellationToken cancellationToken) => index.EnsureCurrentAsync(cancellationToken);
}
