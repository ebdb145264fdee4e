using Analytics.Api.GraphQL.Fields;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>
/// The root of the queries, assembled from one file per feature under Fields/ (as the endpoints are MapXxxApi): each
/// holds its fields, their arguments and resolvers, which read the arguments and call one service.
/// </summary>
public sealed class AnalyticsQuery : ObjectGraphType
{
    public AnalyticsQuery()
    {
        Name = "Query";
        Description = "ABM funnel analytics. Every date range is [from, to); a figure with nothing to compute it from is null.";
        this.AddFunnelFields()
            .AddSalesFields()
            .AddSurveyFields()
            .AddThemeFields()
            .AddAccountFields()
            .AddMarketingFields()
            .AddDeliverabilityFields()
            .AddReportFields()
            .AddDashboardFields()
            .AddScoringFields()
            .AddApiKeyFields()
            .AddFollowUpFields()
            .AddAlertFields();
    }
}
