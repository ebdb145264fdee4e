using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The GraphQL schema over the metrics, with its depth, complexity and time limits and its role checks.</summary>
    public static IHostApplicationBuilder AddGraphQLApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            .AddSystemTextJson()
            .AddValidationRule<RoleValidationRule>()
            .AddComplexityAnalyzer((complexity, services) =>
            {
                var limits = services.GetRequiredService<IOptions<GraphQLOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
            })
            .AddErrorInfoProvider((errors, services) =>
                errors.ExposeExceptionDetails = services.GetRequiredService<IOptions<GraphQLOptions>>().Value.ExposeExceptionDetails));
        return builder;
    }
}
