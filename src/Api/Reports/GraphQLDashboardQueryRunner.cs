using System.Security.Claims;
using System.Text.Json;
using Analytics.Api.Auth;
using Analytics.Reports.Dashboards;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.Reports;

/// <summary>
/// Runs a dashboard panel's query in this process over the server's GraphQL schema, with the same validation rules and
/// depth and complexity limits as <c>POST /graphql</c>, as a trusted principal (reports are rendered by the server itself).
/// Variables: the filter variables, with the panel's fixed variables merged over them.
/// </summary>
public sealed class GraphQLDashboardQueryRunner(IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, IServiceScopeFactory scopes)
    : IDashboardQueryRunner
{
    /// <summary>The principal reports run as: every role, so a dashboard of any role can be rendered.</summary>
    public static readonly ClaimsPrincipal ReportsPrincipal = new(new ClaimsIdentity(
        Roles.All.Select(r => new Claim(ClaimTypes.Role, r)).Prepend(new Claim(ClaimTypes.Name, "reports")), "reports"));

    public async Task<JsonElement> RunAsync(PanelDefinition panel, IReadOnlyDictionary<string, object?> filterVariables, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?>(filterVariables, StringComparer.Ordinal);
        foreach (var (name, value) in panel.Variables ?? new Dictionary<string, JsonElement>())
        {
            variables[name] = value;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = panel.Query,
            Variables = serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables)),
            RequestServices = scope.ServiceProvider,
            User = ReportsPrincipal,
            CancellationToken = cancellationToken,
        });

        using var document = JsonDocument.Parse(serializer.Serialize(result));
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new DashboardQueryException(panel.Id, string.Join("; ", errors.Select(e => e.Message)));
        }

        return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.Clone()
            : throw new DashboardQueryException(panel.Id, "the query returned no data");
    }
}

/// <summary>A panel's query failed; the message names the panel and gives GraphQL's errors.</summary>
public sealed class DashboardQueryException(string panel, string problem) : Exception($"panel '{panel}': {problem}")
{
    public string Panel { get; } = panel;
}
