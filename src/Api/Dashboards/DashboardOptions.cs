namespace Analytics.Api.Dashboards;

/// <summary>Where the dashboard definitions and the web UI are. Section <c>Dashboards</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>
    /// The folder of <c>*.json</c> dashboard definitions, with the web UI in its <c>web</c> folder; relative to the content
    /// root. Default is the first <c>dashboards</c> folder found in the content root or above it (the repository's).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The folder <paramref name="configured"/> names, or the default one; a missing folder is a start-up error.</summary>
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Path.GetFullPath(configured, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "dashboards");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return System.IO.Path.Combine(contentRoot, "dashboards");
    }
}
