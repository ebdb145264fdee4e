using System.ComponentModel.DataAnnotations;
using Analytics.Metrics.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Themes;

/// <summary>The themes' settings. Section <c>Themes</c>.</summary>
public sealed class ThemesOptions
{
    public const string Section = "Themes";

    /// <summary>How often new survey answers are analysed for the themes query, in seconds. Default is 10.</summary>
    [Range(1, 3600)]
    public int IndexIntervalSeconds { get; set; } = 10;
}

/// <summary>
/// Runs <see cref="CommentTopicIndex"/> every <c>Themes:IndexIntervalSeconds</c>: a round only when answers were stored
/// since the last (one cheap count tells), so an idle server costs the engine nothing.
/// </summary>
public sealed class CommentTopicIndexer(
    CommentTopicIndex index, IOptions<ThemesOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<CommentTopicIndexer> logger)
    : RepeatingRound(lifetime, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IndexIntervalSeconds);

    protected override string Purpose => "analysing survey comments for themes";

    protected override Task RoundAsync(CancellationToken cancellationToken) => index.EnsureCurrentAsync(cancellationToken);
}
