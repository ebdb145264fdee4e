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

    /// <summary>
    /// The most values the introspection part of a document (<c>__schema</c>, <c>__type</c>) may answer with, estimated
    /// from this schema's sizes; introspection is not counted in <see cref="MaxDepth"/> or <see cref="MaxComplexity"/>.
    /// graphql-js's standard introspection query answers about 34,000 today (some 130 KB). Default is 200,000.
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaxIntrospectionValues { get; set; } = 200_000;

    /// <summary>How long one query may run before it is cancelled and answered with a timeout error, in seconds (fractions allowed). Default is 30.</summary>
    [Range(0.001, 3600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The GraphQL work one API key may spend per minute, in complexity points (a metric over 28 days costs 10; see
    /// docs/contract.md). Over it, 429 with Retry-After. Default is 60,000; at least <see cref="MaxComplexity"/>.
    /// </summary>
    [Range(10, 100_000_000)]
    public int CostPerMinutePerKey { get; set; } = 60_000;

    /// <summary>
    /// The engine time one API key's statements may hold query slots per minute, in seconds (two statements of a second
    /// each running side by side spend two). Charged after each statement; a key in debt gets 429 with Retry-After until
    /// it is paid off. Default is 30: a key may keep half of one slot busy for good (at 50M events an uncached dashboard
    /// load costs 1-2.5 s, answers kept for the same read cost nothing), never the engine.
    /// </summary>
    [Range(0.1, 1_000_000)]
    public double EngineSecondsPerMinutePerKey { get; set; } = 30;

    /// <summary>How many GraphQL requests of one API key run at once; more wait in its queue. Default is 6.</summary>
    [Range(1, 1000)]
    public int MaxInFlightPerKey { get; set; } = 6;

    /// <summary>How many GraphQL requests of one API key may wait beyond those running; more get 429. Default is 30.</summary>
    [Range(0, 10_000)]
    public int QueuedPerKey { get; set; } = 30;

    /// <summary>
    /// The web origins (<c>https://app.example.com</c>) whose pages may call <c>/graphql</c> from a browser (CORS): a list,
    /// <c>GraphQL__AllowedOrigins__0=…</c>. Default is none: only pages served by this server (the dashboards, GraphiQL).
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How much query text the automatic persisted queries keep in memory, in bytes (UTF-8); beyond it the least
    /// recently used are forgotten, and their clients send them again. Default is 8 MiB.
    /// </summary>
    [Range(0, 1L << 32)]
    public long PersistedQueriesMaxBytes { get; set; } = 8L << 20;

    /// <summary>Whether errors carry exception details (stack traces); for development only. Default is false.</summary>
    public bool ExposeExceptionDetails { get; set; }
}
