using Analytics.Api.GraphQL.Fields;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>The root of the mutations, assembled from the feature files under Fields/ as <see cref="AnalyticsQuery"/> is.</summary>
public sealed class AnalyticsMutation : ObjectGraphType
{
    public AnalyticsMutation()
    {
        Name = "Mutation";
        Description = "Changes to the server's data and configuration; each says the role it needs.";
        this.AddScoringFields()
            .AddReportFields()
            .AddApiKeyFields()
            .AddFollowUpFields()
            .AddTargetListFields()
            .AddAlertFields();
    }
}
