using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Analytics.Reports.Dashboards;

/// <summary>
/// The dashboards read from a folder of JSON files, checked for everything that can be checked without the GraphQL
/// schema (the host validates each query against the schema at start-up as well).
/// </summary>
public sealed partial class DashboardCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A misspelt field is an error, not a silently missing option.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, DashboardDefinition> byId;

    private DashboardCatalog(IReadOnlyList<DashboardDefinition> dashboards)
    {
        Dashboards = dashboards;
        byId = dashboards.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>Every dashboard, in file-name order.</summary>
    public IReadOnlyList<DashboardDefinition> Dashboards { get; }

    public DashboardDefinition? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Reads and checks every *.json file of the folder; throws <see cref="DashboardDefinitionException"/> at the first problem.</summary>
    public static DashboardCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DashboardDefinitionException(folder, null, "the folder does not exist");
        }

        var dashboards = new List<DashboardDefinition>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var dashboard = Parse(file, File.ReadAllText(path));
            if (dashboards.Any(d => d.Id == dashboard.Id))
            {
                throw new DashboardDefinitionException(file, null, $"the id '{dashboard.Id}' is used by another file");
            }

            dashboards.Add(dashboard);
        }

        return new DashboardCatalog(dashboards);
    }

    /// <summary>Parses and checks one definition; <paramref name="file"/> only names it in errors.</summary>
    public static DashboardDefinition Parse(string file, string json)
    {
        DashboardDefinition? dashboard;
        try
        {
            dashboard = JsonSerializer.Deserialize<DashboardDefinition>(json, Json);
        }
        catch (JsonException e)
        {
            throw new DashboardDefinitionException(file, null, e.Message);
        }

        if (dashboard is null)
        {
            throw new DashboardDefinitionException(file, null, "the file holds null");
        }

        Check(file, dashboard);
        return dashboard;
    }

    private static void Check(string file, DashboardDefinition dashboard)
    {
        Require(file, null, IsId(dashboard.Id), $"the id '{dashboard.Id}' must be lower-case letters, digits and '-'");
        Require(file, null, !string.IsNullOrWhiteSpace(dashboard.Title), "the title is missing");
        Require(file, null, dashboard.Panels is { Count: > 0 }, "there are no panels");

        var filters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in dashboard.Filters ?? [])
        {
            Require(file, null, IsVariable(filter.Variable) && !DashboardVariables.Names.Contains(filter.Variable),
                $"the filter variable '{filter.Variable}' must be a GraphQL name other than {string.Join(", ", DashboardVariables.Names)}");
            Require(file, null, filters.Add(filter.Variable), $"the filter variable '{filter.Variable}' is used twice");
            Require(file, null, !string.IsNullOrWhiteSpace(filter.Title), $"the filter '{filter.Variable}' has no title");
            Require(file, null, (filter.Type == FilterType.Choice) == (filter.Choices is not null),
                $"the filter '{filter.Variable}' must name its choices (an account attribute) if and only if its type is choice");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in dashboard.Panels)
        {
            Require(file, panel.Id, IsId(panel.Id), $"the id '{panel.Id}' must be lower-case letters, digits and '-'");
            Require(file, panel.Id, seen.Add(panel.Id), "the id is used twice");
            Require(file, panel.Id, !string.IsNullOrWhiteSpace(panel.Title), "the title is missing");
            Require(file, panel.Id, !string.IsNullOrWhiteSpace(panel.Query), "the query is missing");
            Require(file, panel.Id, panel.Width is >= 1 and <= 12, "the width must be 1 to 12");
            Require(file, panel.Id, panel.Values is { Count: > 0 }, "there are no values");
            Require(file, panel.Id, panel.Kind is PanelKind.Kpi or PanelKind.Table || !string.IsNullOrWhiteSpace(panel.Label),
                $"a {panel.Kind.ToString().ToLowerInvariant()} panel needs a label field");
            Require(file, panel.Id, panel.Kind != PanelKind.Funnel || panel.Values.Count == 1, "a funnel panel has exactly one value");
            foreach (var path in new[] { panel.Data, panel.Label }.Concat(panel.Values.SelectMany(v => new[] { v.Field, v.Previous, v.Margin })))
            {
                Require(file, panel.Id, path is null || DataPath.IsValid(path), $"'{path}' is not a path (fields separated by dots, optional [index])");
            }

            CheckSelect(file, dashboard, panel, filters);
            CheckActions(file, panel);
            Require(file, panel.Id, panel.Export is null || ExportPattern().IsMatch(panel.Export),
                $"the export '{panel.Export}' must be a path under /v1/exports/ without a query string");
        }
    }

    private static void CheckSelect(string file, DashboardDefinition dashboard, PanelDefinition panel, HashSet<string> filters)
    {
        if (panel.Select is not { } select)
        {
            return;
        }

        Require(file, panel.Id, panel.Kind == PanelKind.Table, "only a table panel may have a select");
        Require(file, panel.Id, select.Panel != panel.Id && dashboard.Panels.Any(p => p.Id == select.Panel),
            $"the select's panel '{select.Panel}' is not another panel of this dashboard");
        Require(file, panel.Id, IsVariable(select.Variable) && !DashboardVariables.Names.Contains(select.Variable) && !filters.Contains(select.Variable),
            $"the select's variable '{select.Variable}' must be a GraphQL name other than the filter variables");
        Require(file, panel.Id, DataPath.IsValid(select.Field ?? string.Empty), $"the select's field '{select.Field}' is not a path");
    }

    private static void CheckActions(string file, PanelDefinition panel)
    {
        if (panel.Actions is not { } actions)
        {
            return;
        }

        Require(file, panel.Id, panel.Kind == PanelKind.Table, "only a table panel may have actions");
        Require(file, panel.Id, !string.IsNullOrWhiteSpace(actions.Mutation), "the actions' mutation is missing");
        Require(file, panel.Id, DataPath.IsValid(actions.Field ?? string.Empty), $"the actions' field '{actions.Field}' is not a path");
        Require(file, panel.Id, actions.Buttons is { Count: > 0 } && actions.Buttons.All(b => !string.IsNullOrWhiteSpace(b.Value) && !string.IsNullOrWhiteSpace(b.Title)),
            "the actions need buttons, each with a value and a title");
    }

    /// <summary>The variables panel queries may use: the filter variables, the dashboard's own filters, and the drill-down variables.</summary>
    public static IReadOnlySet<string> VariablesOf(DashboardDefinition dashboard) =>
        DashboardVariables.Names
            .Concat((dashboard.Filters ?? []).Select(f => f.Variable))
            .Concat(dashboard.Panels.Select(p => p.Select?.Variable).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);

    private static void Require(string file, string? panel, bool condition, string problem)
    {
        if (!condition)
        {
            throw new DashboardDefinitionException(file, panel, problem);
        }
    }

    private static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    private static bool IsVariable(string? name) => name is not null && VariablePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariablePattern();

    [GeneratedRegex("^/v1/exports/[A-Za-z0-9._/-]+$")]
    private static partial Regex ExportPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
