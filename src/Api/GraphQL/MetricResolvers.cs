using Analytics.Api.GraphQL.Types;
using Analytics.Metrics;
using Analytics.Metrics.Common;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary>What every resolver shares: the window arguments, checked, the request's services, and bad arguments reported as such.</summary>
internal static class MetricResolvers
{
    public const string InvalidArgument = "INVALID_ARGUMENT";

    private const string FromDoc = "The window's first day (inclusive).";
    private const string ToDoc = "The day after the window's last day (exclusive).";

    /// <summary>The <c>from</c> and <c>to</c> arguments of a window field, which costs by the work it starts (<see cref="WorkCost"/>).</summary>
    public static FieldBuilder<TSource, TReturn> WindowArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<NonNullGraphType<DateType>>("from", FromDoc)
        .Argument<NonNullGraphType<DateType>>("to", ToDoc)
        .WithComplexityImpact(WorkCost.Of);

    /// <summary>The <c>from</c>/<c>to</c> arguments (or two others) as a window, or an error naming what is wrong with them.</summary>
    public static DateWindow Window(this IResolveFieldContext context, string from = "from", string to = "to") =>
        new DateWindow(context.GetArgument<DateOnly>(from), context.GetArgument<DateOnly>(to))
            .Validated(context.RequestServices!.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxWindowDays);

    /// <summary>A service of the request's scope: a metric query, a store, the clock.</summary>
    public static T Service<T>(this IResolveFieldContext context)
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

    /// <summary>The name of the key making the request, for audit columns.</summary>
    public static string Caller(this IResolveFieldContext context) => context.User?.Identity?.Name ?? "unknown";
}
