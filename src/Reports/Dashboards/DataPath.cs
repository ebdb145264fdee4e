using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analytics.Reports.Dashboards;

/// <summary>Paths into a GraphQL result as dashboards write them: <c>funnel.stages</c>, <c>stages[3].accounts</c>.</summary>
/// <remarks>The web UI resolves the same paths in JavaScript; keep the two in step.</remarks>
public static partial class DataPath
{
    public static bool IsValid(string path) => PathPattern().IsMatch(path);

    /// <summary>The element the path leads to, or null when a step is missing, null or out of range.</summary>
    public static JsonElement? Resolve(JsonElement root, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return root;
        }

        var current = root;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Groups["field"].Value, out current))
            {
                return null;
            }

            foreach (Capture index in step.Groups["index"].Captures)
            {
                var i = int.Parse(index.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || i >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[i];
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"(?<field>[A-Za-z_][A-Za-z0-9_]*)(\[(?<index>\d+)\])*")]
    private static partial Regex StepPattern();
}
