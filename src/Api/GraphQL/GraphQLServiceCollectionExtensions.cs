using System.Threading.RateLimiting;
using Analytics.Api.Apis;
using Analytics.Api.Auth;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The ASP.NET Core rate-limiting policy of <c>/graphql</c>: each API key's requests in flight and waiting.</summary>
    public const string InFlightPolicy = "graphql-in-flight-per-key";

    /// <summary>
    /// The GraphQL schema over the metrics, with its depth, complexity and time limits, its role checks, and each key's
    /// limits: work per minute (<see cref="KeyBudgets"/>) and requests in flight.
    /// </summary>
    public static IHostApplicationBuilder AddGraphQLApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.CostPerMinutePerKey >= o.MaxComplexity, "GraphQL:CostPerMinutePerKey must be at least GraphQL:MaxComplexity, or some allowed documents could never run.")
            .Validate(o => o.AllowedOrigins.All(GraphQLCors.IsOrigin), "GraphQL:AllowedOrigins must be web origins such as https://app.example.com (scheme, host and port; no path or trailing slash).")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyBudgets>();
        builder.Services.AddSingleton<PersistedQueryStore>();
        builder.Services.AddGraphQLCors();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(InFlightPolicy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<GraphQLOptions>>().Value;
            var key = ApiKeyAuthenticationHandler.KeyIdOf(http.User);
            return key is null ? RateLimitPartition.GetNoLimiter("") : RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.MaxInFlightPerKey,
                QueueLimit = limits.QueuedPerKey,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }).OnRejected = (rejected, cancellationToken) =>
        {
            rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            rejected.HttpContext.Response.Headers.RetryAfter = "1";
            return new ValueTask(rejected.HttpContext.Response.WriteAsJsonAsync(
                new { errors = new[] { new { message = "This API key has too many GraphQL requests running and waiting; try again in a second.", extensions = new { code = "RATE_LIMITED" } } } },
                cancellationToken));
        });
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            .AddSystemTextJson()
            .AddValidationRule<RoleValidationRule>()
            // Depth, work and introspection limits, then the key's budget: one rule, so a document is measured once.
            .AddValidationRule<WorkLimitsRule>()
            .AddErrorInfoProvider((errors, services) =>
                errors.ExposeExceptionDetails = services.GetRequiredService<IOptions<GraphQLOptions>>().Value.ExposeExceptionDetails));
        return builder;
    }
}
