using GraphQL.Validation.Complexity;

namespace Analytics.Api.GraphQL;

/// <summary>
/// What a windowed metric field costs in complexity points: the work it starts in the engine, not one point a field.
/// The engine reads about as much again for every 28 days of window, once more per group, and once more for a trend;
/// so a year-long funnel by industry with a weekly trend costs 10 × 13 × 2 × 2 = 520, a week's NPS 10. Documents are
/// refused over <see cref="GraphQLOptions.MaxComplexity"/>, and each key spends its costs from its budget
/// (<see cref="KeyBudgets"/>).
/// </summary>
internal static class WorkCost
{
    /// <summary>A metric over 28 days or less, ungrouped, without a trend.</summary>
    public const double Base = 10;

    public static FieldComplexityResult Of(FieldImpactContext context)
    {
        var days = context.GetArgument<DateOnly>("to").DayNumber - context.GetArgument<DateOnly>("from").DayNumber;
        var periods = Math.Max(1.0, Math.Min(days, 36_600) / 28.0);
        var grouped = HasArgument(context, "groupBy") ? 2 : 1;
        var trend = HasArgument(context, "interval") ? 2 : 1;
        return new(Base * periods * grouped * trend, 1);
    }

    private static bool HasArgument(FieldImpactContext context, string name) =>
        context.Arguments?.TryGetValue(name, out var value) == true && value.Value is not null;
}
