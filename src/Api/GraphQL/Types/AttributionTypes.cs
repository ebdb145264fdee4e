using Analytics.Metrics.Attribution;
using Analytics.Metrics.Campaigns;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class AttributionRowType : ObjectGraphType<AttributionRow>
{
    public AttributionRowType()
    {
        Name = "AttributionRow";
        Description = "Revenue attributed to one key under one model.";
        Field<NonNullGraphType<AttributionModelType>>("model").Description("The attribution model.").Resolve(c => c.Source.Model);
        Field<StringGraphType>("key").Description("The channel, source or campaign; null for opportunities without a touch.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<FloatGraphType>>("pipeline").Description("Attributed amounts of opportunities created in the window.").Resolve(c => c.Source.Pipeline);
        Field<NonNullGraphType<FloatGraphType>>("wonRevenue").Description("Attributed amounts of opportunities won in the window.").Resolve(c => c.Source.WonRevenue);
        Field<NonNullGraphType<FloatGraphType>>("pipelineOpportunities").Description("Opportunities created in the window, in attributed (possibly fractional) shares.").Resolve(c => c.Source.PipelineOpportunities);
        Field<NonNullGraphType<FloatGraphType>>("wonOpportunities").Description("Opportunities won in the window, in attributed shares.").Resolve(c => c.Source.WonOpportunities);
    }
}

public sealed class CampaignPerformanceType : ObjectGraphType<CampaignPerformance>
{
    public CampaignPerformanceType()
    {
        Name = "CampaignPerformance";
        Description = "What one campaign did in the window.";
        Field<NonNullGraphType<StringGraphType>>("campaign").Description("The campaign.").Resolve(c => c.Source.Campaign);
        Field<NonNullGraphType<IntGraphType>>("accountsReached").Description("Accounts with at least one event of the campaign in the window.").Resolve(c => checked((int)c.Source.AccountsReached));
        Field<NonNullGraphType<IntGraphType>>("engagedAccountsReached").Description("Those of them engaged in the window.").Resolve(c => checked((int)c.Source.EngagedAccountsReached));
        Field<NonNullGraphType<FloatGraphType>>("influencedPipeline").Description("Amounts of opportunities created in the window by accounts the campaign had touched by then.").Resolve(c => c.Source.InfluencedPipeline);
        Field<NonNullGraphType<IntGraphType>>("influencedOpportunities").Description("How many such opportunities.").Resolve(c => checked((int)c.Source.InfluencedOpportunities));
        Field<FloatGraphType>("spend").Description("Ad spend in the window; null without ad statistics.").Resolve(c => c.Source.Spend);
        Field<FloatGraphType>("costPerEngagedAccount").Description("spend ÷ engaged accounts reached; null without spend or engaged accounts.").Resolve(c => c.Source.CostPerEngagedAccount);
    }
}
