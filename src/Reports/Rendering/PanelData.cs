using System.Text.Json;
using Analytics.Reports.Dashboards;

namespace Analytics.Reports.Rendering;

/// <summary>A panel with its query's result (<c>data</c>), and the paths of its definition resolved against it.</summary>
public sealed record PanelData(PanelDefinition Panel, JsonElement Data)
{
    /// <summary>The rows the panel's <c>data</c> path leads to; empty when it leads nowhere.</summary>
    public IReadOnlyList<JsonElement> Rows() => DataPath.Resolve(Data, Panel.Data) is { ValueKind: JsonValueKind.Array } rows
        ? rows.EnumerateArray().ToList()
        : [];

    /// <summary>The object a KPI panel's values are relative to.</summary>
    public JsonElement? Object() => DataPath.Resolve(Data, Panel.Data);

    public static double? Number(JsonElement? row, string? path) =>
        row is { } r && path is not null && DataPath.Resolve(r, path) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;

    public static JsonElement? Value(JsonElement? row, string? path) =>
        row is { } r && path is not null ? DataPath.Resolve(r, path) : null;

    /// <summary>A row's label (a chart's x value or a stage's name); "(none)" for a missing key.</summary>
    public string Label(JsonElement row) => Value(row, Panel.Label) is { } label
        ? label.ValueKind == JsonValueKind.String ? label.GetString()! : label.GetRawText()
        : "(none)";
}
