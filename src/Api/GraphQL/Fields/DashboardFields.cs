using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Reports.Dashboards;
using Analytics.Reports.Rendering;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>The dashboard definitions the web UI and the PDF draw.</summary>
internal static class DashboardFields
{
    public static AnalyticsQuery AddDashboardFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DashboardType>>>>("dashboards").Description("Every dashboard definition, in file-name order.")
            .WithComplexityImpact(1, 1)
            .AuthorizeWithPolicy(Roles.Viewer)
            .Resolve(c => c.Service<DashboardCatalogHolder>().Catalog.Dashboards);

        query.Field<DashboardType>("dashboard").Description("One dashboard definition; null when there is none with that id.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The dashboard's id.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .Resolve(c => c.Service<DashboardCatalogHolder>().Catalog.Find(c.GetArgument<string>("id")));
        query.Field<NonNullGraphType<DisplayType>>("display").Description("How figures are written: the currency symbol and the locale the UI formats numbers in.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .Resolve(c => c.Service<IOptions<ReportRenderingOptions>>().Value);
        return query;
    }
}
