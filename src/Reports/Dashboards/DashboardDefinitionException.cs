namespace Analytics.Reports.Dashboards;

/// <summary>A dashboard definition that cannot be used; the message names the file and, when it applies, the panel.</summary>
public sealed class DashboardDefinitionException(string file, string? panel, string problem)
    : Exception(panel is null ? $"dashboard {file}: {problem}" : $"dashboard {file}, panel '{panel}': {problem}")
{
    public string File { get; } = file;
    public string? Panel { get; } = panel;
}
