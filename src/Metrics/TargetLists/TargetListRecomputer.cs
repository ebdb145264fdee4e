using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.TargetLists;

/// <summary>Recomputes every rule list every <c>TargetLists:RecomputeMinutes</c>, from the start of the host on.</summary>
public sealed class TargetListRecomputer(
    TargetListRecompute recompute, IOptions<TargetListOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<TargetListRecomputer> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.RecomputeMinutes);

    protected override string Purpose => "recomputing the rule lists";

    protected override Task RoundAsync(CancellationToken cancellationToken) => recompute.RecomputeAllAsync(cancellationToken);
}
