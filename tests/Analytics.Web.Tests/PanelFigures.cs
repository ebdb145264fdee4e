using System.Text.RegularExpressions;
using Analytics.Reports.Dashboards;

namespace Analytics.Web.Tests;

/// <summary>What a panel should show, worked out from the definition and the GraphQL result the way the UI does it.</summary>
public static partial class PanelFigures
{
    /// <summary>The variables the panel's query gets: those it declares, from the filters, its fixed variables merged over them.</summary>
    public static Dictionary<string, object?> Variables(PanelDefinition panel, DateOnly from, DateOnly to, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var state = DashboardVariables.For(from, to, null);
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            state[name] = value;
        }

        var head = panel.Query[..panel.Query.IndexOf('{', StringComparison.Ordinal)];
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Match declared in Declared().Matches(head))
        {
            var name = declared.Groups[1].Value;
            variables[name] = state.GetValueOrDefault(name);
        }

        foreach (var (name, value) in panel.Variables ?? new Dictionary<string, JsonElement>())
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>Every figure the panel shows, as (field, raw value), in the order the page lists its data-value cells.</summary>
    public static List<(string Field, string Value)> Expected(PanelDefinition panel, JsonElement data)
    {
        var figures = new List<(string, string)>();
        if (panel.Kind == PanelKind.Kpi)
        {
            var obj = DataPath.Resolve(data, panel.Data);
            figures.AddRange(panel.Values.Select(v => (v.Field, Raw(obj is { } o ? DataPath.Resolve(o, v.Field) : null))));
            return figures;
        }

        var columns = panel.Kind == PanelKind.Table ? panel.Values.Select(v => v.Field).ToList() : [panel.Label!, .. panel.Values.Select(v => v.Field)];
        if (DataPath.Resolve(data, panel.Data) is { ValueKind: JsonValueKind.Array } rows)
        {
            foreach (var row in rows.EnumerateArray())
            {
                figures.AddRange(columns.Select(c => (c, Raw(DataPath.Resolve(row, c)))));
            }
        }

        return figures;
    }

    /// <summary>A value as the page writes it in data-value: numbers and text as they are, null as "null".</summary>
    public static string Raw(JsonElement? value) => value switch
    {
        null => "null",
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        { } other => other.GetRawText(),
    };

    /// <summary>Two raw values agree: equal text, or numbers equal to 1e-9 (JavaScript and .NET print some doubles differently).</summary>
    public static bool Same(string expected, string actual) =>
        expected == actual
        || (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)));

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex Declared();
}
