using Analytics.Reports.Dashboards;

namespace Analytics.Reports.WeeklyExecutive;

/// <summary>
/// Finds the <c>executive</c> dashboard the weekly report draws: in the folder of setting <c>Dashboards:Path</c>, else in
/// the nearest <c>dashboards</c> folder above the program or the working directory (the repository's, in a checkout).
/// </summary>
public static class ExecutiveDashboard
{
    public const string Id = "executive";
    private const string FolderName = "dashboards";

    public static DashboardDefinition Load(string? configuredFolder)
    {
        var folder = FindFolder(configuredFolder);
        return DashboardCatalog.Load(folder).Find(Id)
            ?? throw new DashboardDefinitionException(folder, null, $"no dashboard has the id '{Id}', which the weekly executive report draws");
    }

    public static string FindFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }.Distinct())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName);
                if (File.Exists(Path.Combine(candidate, Id + ".json")))
                {
                    return candidate;
                }
            }
        }

        throw new DashboardDefinitionException(FolderName, null,
            $"no {FolderName}/{Id}.json above the program's folder or the working directory; set Dashboards:Path to the folder of the dashboard definitions");
    }
}
