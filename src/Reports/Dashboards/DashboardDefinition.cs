using System.Text.Json;

namespace Analytics.Reports.Dashboards;

/// <summary>One dashboard of dashboards/*.json: panels, each a GraphQL query and a way to chart its result.</summary>
/// <remarks>The format is documented in dashboards/README.md; the web UI and the PDF report both read it.</remarks>
public sealed record DashboardDefinition(
    string Id,
    string Title,
    string? Description,
    DashboardRole Role,
    IReadOnlyList<PanelDefinition> Panels);

/// <summary>The least role that may open a dashboard.</summary>
public enum DashboardRole { Viewer, Sales }

/// <summary>One panel: its query, where its rows are in the result, and how to draw them.</summary>
public sealed record PanelDefinition(
    string Id,
    string Title,
    string? Description,
    PanelKind Kind,
    string Query,
    IReadOnlyDictionary<string, JsonElement>? Variables,
    string? Data,
    string? Label,
    IReadOnlyList<PanelValue> Values,
    int Width = 12);

public enum PanelKind { Kpi, Line, Bar, Funnel, Table }

/// <summary>A series, a column or a KPI tile: a path to the figure, its title and format, and optional comparisons.</summary>
public sealed record PanelValue(
    string Field,
    string Title,
    ValueFormat Format = ValueFormat.Number,
    string? Previous = null,
    string? Margin = null);

public enum ValueFormat { Integer, Number, Percent, Score, Currency, Days, Date, Text }
