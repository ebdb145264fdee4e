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

        // Introspection reads the schema, not storage: it weighs nothing in the work complexity and has limits of its own
        // (WorkLimitsRule). TRICKY: any share of GraphQL.NET's count would not do: it grows with every type, and the
        // standard introspection query already cost about 20,000 at 2%.
        this.WithIntrospectionComplexityImpact(0);
    }
}
