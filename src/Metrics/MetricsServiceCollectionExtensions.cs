using Analytics.Metrics.Accounts;
using Analytics.Metrics.Attribution;
using Analytics.Metrics.Campaigns;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Metrics.Engagement;
using Analytics.Metrics.Funnel;
using Analytics.Metrics.Journey;
using Analytics.Metrics.Opportunities;
using Analytics.Metrics.Scoring;
using Analytics.Metrics.Sentiment;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.TargetLists;
using Analytics.Metrics.Themes;
using Analytics.Metrics.Velocity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the metrics options (validated at start-up), the scoring model store, the rollups' re-pricing and the comments' analysis in the background, and one service per metric.</summary>
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ScoringModelStore>();
        builder.Services.AddSingleton<RollupRepricing>();
        builder.Services.AddHostedService<RollupRepricer>();
        builder.Services.AddOptions<JourneyOptions>().BindConfiguration(JourneyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FunnelQuery>();
        builder.Services.AddSingleton<CohortFunnelQuery>();
        builder.Services.AddSingleton<JourneyIndex>();
        builder.Services.AddHostedService<JourneyIndexer>();
        builder.Services.AddSingleton<JourneyQuery>();
        builder.Services.AddSingleton<SalesVelocityQuery>();
        builder.Services.AddSingleton<NpsQuery>();
        builder.Services.AddSingleton<NpsComparisonQuery>();
        builder.Services.AddSingleton<CsatQuery>();
        builder.Services.AddSingleton<EngagedAccountsQuery>();
        builder.Services.AddSingleton<SurgingAccountsQuery>();
        builder.Services.AddSingleton<AccountTimelineQuery>();
        builder.Services.AddSingleton<AccountIntentQuery>();
        builder.Services.AddSingleton<OpportunityTouchIndex>();
        builder.Services.AddHostedService<OpportunityTouchIndexer>();
        builder.Services.AddSingleton<AttributionQuery>();
        builder.Services.AddSingleton<CampaignPerformanceQuery>();
        builder.Services.AddSingleton<DeliverabilityQuery>();
        builder.Services.AddSingleton<CommentAnalysis>();
        builder.Services.AddSingleton<CommentsQuery>();
        builder.Services.AddOptions<ThemesOptions>().BindConfiguration(ThemesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CommentTopicIndex>();
        builder.Services.AddHostedService<CommentTopicIndexer>();
        builder.Services.AddSingleton<ThemesQuery>();
        builder.Services.AddSingleton<EngagementQuery>();
        builder.Services.AddSingleton<SurveyCommentsQuery>();
        builder.Services.AddSingleton<NewOpportunitiesQuery>();
        builder.Services.AddSingleton<TargetListsQuery>();
        builder.Services.AddOptions<TargetListOptions>().BindConfiguration(TargetListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TargetListRuleStore>();
        builder.Services.AddSingleton<TargetListRecompute>();
        builder.Services.AddHostedService<TargetListRecomputer>();
        builder.Services.AddSingleton<TargetListChangesQuery>();
        builder.Services.AddSingleton<AccountAttributeValuesQuery>();
        return builder;
    }
}
