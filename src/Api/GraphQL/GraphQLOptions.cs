using System.ComponentModel.DataAnnotations;

namespace Analytics.Api.GraphQL;

/// <summary>Limits of the GraphQL endpoint. Section <c>GraphQL</c>.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>The deepest selection a query may nest. Default is 12.</summary>
    [Range(2, 100)]
    public int MaxDepth { get; set; } = 12;

    /// <summary>The highest complexity a query may have (about one point per field, lists multiplying their children). Default is 5,000.</summary>
    [Range(10, 1_000_000)]
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>How long one query may run before it is cancelled and answered with a timeout error, in seconds (fractions allowed). Default is 30.</summary>
    [Range(0.001, 3600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Whether errors carry exception details (stack traces); for development only. Default is false.</summary>
    public bool ExposeExceptionDetails { get; set; }
}
