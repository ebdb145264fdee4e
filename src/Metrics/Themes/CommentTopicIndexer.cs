using System.ComponentModel.DataAnnotations;
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
/// Runs <see cref="CommentTopicIndex"/> every <c>Themes:IndexIntervalSeconds</c>, from the start of the host on: a
/// round only when answers were stored since the last (one cheap count tells), so an idle server costs the engine nothing.
/// </summary>
public sealed partial class CommentTopicIndexer(
    CommentTopicIndex index, IOptions<ThemesOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<CommentTopicIndexer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: a failed start must find no query of ours running when it closes storage.
        await lifetime.WaitForStartedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var interval = TimeSpan.FromSeconds(options.Value.IndexIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await index.EnsureCurrentAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, interval.TotalSeconds);
            }

            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysing survey comments for themes failed; trying again in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}
