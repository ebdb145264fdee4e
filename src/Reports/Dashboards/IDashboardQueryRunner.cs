using System.Text.Json;

namespace Analytics.Reports.Dashboards;

/// <summary>Runs a panel's GraphQL query in-process, so reports read the very figures the dashboards show.</summary>
/// <remarks>Implemented by the host over its GraphQL schema (Reports does not reference the API project).</remarks>
public interface IDashboardQueryRunner
{
    /// <summary>The result's <c>data</c> object; GraphQL errors are thrown as exceptions naming the panel.</summary>
    Task<JsonElement> RunAsync(PanelDefinition panel, IReadOnlyDictionary<string, object?> filterVariables, CancellationToken cancellationToken);
}
