using Analytics.Metrics;
using Analytics.Metrics.Common;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary>What every metric resolver shares: the window arguments, checked, and bad arguments reported as such.</summary>
internal static class MetricResolvers
{
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>The <c>from</c>/<c>to</c> arguments as a window, or an error naming what is wrong with them.</summary>
    public static DateWindow Window(this IResolveFieldContext context) =>
        new DateWindow(context.GetArgument<DateOnly>("from"), context.GetArgument<DateOnly>("to"))
            .Validated(context.RequestServices!.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxWindowDays);

    public static T Metric<T>(this IResolveFieldContext context)
        where T : notnull => context.RequestServices!.GetRequiredService<T>();

    /// <summary>Runs a metric; a request it cannot answer becomes a GraphQL error with its message and code INVALID_ARGUMENT.</summary>
    public static async Task<T> RunAsync<T>(this IResolveFieldContext context, Func<CancellationToken, Task<T>> run)
    {
        try
        {
            return await run(context.CancellationToken);
        }
        catch (MetricArgumentException e)
        {
            throw new ExecutionError(e.Message) { Code = InvalidArgument };
        }
    }
}
