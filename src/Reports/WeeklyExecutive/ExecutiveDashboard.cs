using Analytics.Reports.Dashboards;

namespace Analytics.Reports.WeeklyExecutive;

/// <summary>The <c>executive</c> dashboard the weekly report draws, from the dashboards the host loaded at start-up.</summary>
public static class ExecutiveDashboard
{
    public const string Id = "executive";

    public static DashboardDefinition From(DashboardCatalogHolder dashboards) =>
        dashboards.Catalog.Find(Id)
        ?? throw new DashboardDefinitionException(dashboards.Folder ?? "dashboards", null,
            $"no dashboard has the id '{Id}', which the weekly executive report draws");
}
