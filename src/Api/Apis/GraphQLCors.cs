using Analytics.Api.GraphQL;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>
/// Cross-origin access to <c>/graphql</c> from the web origins of <see cref="GraphQLOptions.AllowedOrigins"/> (none by
/// default): a browser page on such an origin may send queries with its key in the Authorization header. Preflights
/// (<c>OPTIONS /graphql</c>) are answered before authentication, since browsers send them without the key; for an origin
/// not listed the answer allows nothing, and the browser keeps the page from sending the request.
/// </summary>
public static class GraphQLCors
{
    /// <summary>The CORS policy of <c>/graphql</c>.</summary>
    public const string Policy = "graphql";

    public static IServiceCollection AddGraphQLCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GraphQLOptions>>((cors, graphql) => cors.AddPolicy(Policy, policy => policy
            .WithOrigins(graphql.Value.AllowedOrigins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Whether <paramref name="origin"/> is a web origin: http or https, a host, maybe a port, and nothing after.</summary>
    public static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.GetLeftPart(UriPartial.Authority).Equals(origin, StringComparison.OrdinalIgnoreCase);
}
