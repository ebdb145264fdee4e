using System.Text.Json;
using Analytics.Metrics.Common;

namespace Analytics.Reports.Dashboards;

/// <summary>One dashboard of dashboards/*.json: panels, each a GraphQL query and a way to chart its result.</summary>
/// <remarks>The format is documented in dashboards/README.md; the web UI and the PDF report both read it.</remarks>
public sealed record DashboardDefinition(
    string Id,
    string Title,
    string? Description,
    DashboardRole Role,
    IReadOnlyList<PanelDefinition> Panels,
    IReadOnlyList<DashboardFilter>? Filters = null);

/// <summary>
/// An extra filter of a dashboard (beside the window and the target list): a control whose value is kept in the URL and
/// given to every panel query that declares <see cref="Variable"/>; empty means null. A choice offers the values the
/// account attribute <see cref="Choices"/> takes now.
/// </summary>
public sealed record DashboardFilter(string Variable, string Title, FilterType Type = FilterType.Text, AccountAttribute? Choices = null);

/// <summary>What an extra filter holds: free text, a number, or one of an account attribute's values.</summary>
public enum FilterType { Text, Number, Choice }

/// <summary>
/// A drill-down from a table row: choosing a row sets <see cref="Variable"/> to the row's <see cref="Field"/> and shows
/// <see cref="Panel"/> (a panel of the same dashboard whose query declares that variable).
/// </summary>
public sealed record PanelSelect(string Panel, string Variable, string Field);

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
    int Width = 12,
    PanelSelect? Select = null,
    string? Export = null,
    PanelActions? Actions = null);

/// <summary>
/// Buttons on each row of a table that change the row: a GraphQL mutation declaring <c>$id</c> (the row's
/// <see cref="Field"/>), <c>$value</c> (the button's value) and, when <see cref="Note"/>, <c>$note</c> (typed beside the
/// buttons). Keys below <see cref="Role"/> see no buttons; after a change the dashboard is drawn again.
/// </summary>
public sealed record PanelActions(string Mutation, string Field, IReadOnlyList<PanelActionButton> Buttons, DashboardRole Role = DashboardRole.Sales, bool Note = false);

/// <summary>One button of a row: the value it sends as <c>$value</c> and its label.</summary>
public sealed record PanelActionButton(string Value, string Title);

public enum PanelKind { Kpi, Line, Bar, Funnel, Table }

/// <summary>A series, a column or a KPI tile: a path to the figure, its title and format, and optional comparisons.</summary>
public sealed record PanelValue(
    string Field,
    string Title,
    ValueFormat Format = ValueFormat.Number,
    string? Previous = null,
    string? Margin = null);

public enum ValueFormat { Integer, Number, Percent, Score, Currency, Days, Date, Text }
