using System.Globalization;
using Analytics.Api.Auth;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary>
/// The fair-use limits of a document, checked before it runs: its work (<see cref="WorkCost"/>; GraphQL.NET's complexity,
/// introspection weighing nothing there) within <see cref="GraphQLOptions.MaxComplexity"/>, its selections outside
/// introspection within <see cref="GraphQLOptions.MaxDepth"/>, and its introspection within limits of its own
/// (<see cref="DocumentShape"/>): type lists nested at most twice, as graphql-js allows, and at most
/// <see cref="GraphQLOptions.MaxIntrospectionValues"/> values. So the standard introspection query of every tool fits
/// whatever the metric limits are, while aliasing it many times, or nesting it to blow the answer up, is refused. A
/// document within the limits is then paid for from its key's budget (<see cref="KeyBudgets"/>): its work, and a point
/// per <see cref="IntrospectionValuesPerPoint"/> values of introspection.
/// </summary>
public sealed class WorkLimitsRule(IOptions<GraphQLOptions> options, KeyBudgets budgets) : ComplexityValidationRule(new ComplexityOptions())
{
    /// <summary>How many introspection values cost one point of a key's budget: the standard introspection query, a few hundred.</summary>
    public const double IntrospectionValuesPerPoint = 100;

    public override async ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        // As GraphQL.NET's own rule: a document with other errors (fragment cycles among them) is not measured.
        if (context.HasErrors)
        {
            return null;
        }

        var (work, _) = await CalculateComplexityAsync(context);
        var shape = DocumentShape.Of(context);
        var error = LimitError(options.Value, work, shape);
        if (error is null && ApiKeyAuthenticationHandler.KeyIdOf(context.User) is { } key)
        {
            var cost = work + (shape.IntrospectionValues / IntrospectionValuesPerPoint);
            if (budgets.TryPay(key, cost) is { } wait)
            {
                error = new KeyBudgets.OverBudgetError(wait, cost);
            }
        }

        if (error is not null)
        {
            context.ReportError(error);
        }

        return null;
    }

    private static ValidationError? LimitError(GraphQLOptions limits, double work, DocumentShape shape)
    {
        // The first two messages are GraphQL.NET's own, which clients and tests already know.
        if (shape.TooLarge)
        {
            return new ComplexityError("Query is too large to analyze: it selects over a million fields once its fragments are spread.");
        }

        if (shape.WorkDepth > limits.MaxDepth)
        {
            return new ComplexityError(Invariant($"Query is too nested to execute. Maximum depth is {shape.WorkDepth} levels; maximum allowed on this endpoint is {limits.MaxDepth}."));
        }

        if (work > limits.MaxComplexity)
        {
            return new ComplexityError(Invariant($"Query is too complex to execute. Complexity is {work}; maximum allowed on this endpoint is {limits.MaxComplexity}."));
        }

        if (shape.IntrospectionTypeListNesting >= 3)
        {
            return new ComplexityError("Maximum introspection depth exceeded: 'fields', 'inputFields', 'interfaces' and 'possibleTypes' may be nested at most twice.");
        }

        if (shape.IntrospectionValues > limits.MaxIntrospectionValues)
        {
            return new ComplexityError(Invariant($"Introspection is too large to execute. It answers about {shape.IntrospectionValues:0} values; maximum allowed on this endpoint is {limits.MaxIntrospectionValues}."));
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
