using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>The GraphQL schema of docs/contract.md, plus accounts, attribution, campaigns and the scoring model.</summary>
public sealed class AnalyticsSchema : Schema
{
    public AnalyticsSchema(IServiceProvider services, AnalyticsQuery query, AnalyticsMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "ABM funnel analytics: funnel, sales velocity, NPS, CSAT, engaged accounts, attribution.";

        // Introspection reads the schema, not storage: tools' full introspection query would otherwise exceed the limit.
        // TRICKY: the cost grows with every type; at 0.1 the schema's own description check passed 5,000 once engagement came.
        this.WithIntrospectionComplexityImpact(0.02);
    }
}
