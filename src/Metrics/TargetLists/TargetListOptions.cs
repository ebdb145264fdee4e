using System.ComponentModel.DataAnnotations;

namespace Analytics.Metrics.TargetLists;

/// <summary>The rule lists' settings. Section <c>TargetLists</c>.</summary>
public sealed class TargetListOptions
{
    public const string Section = "TargetLists";

    /// <summary>How often every rule list's members are recomputed, in minutes (a save recomputes its list at once). Default is 15.</summary>
    [Range(1, 1440)]
    public int RecomputeMinutes { get; set; } = 15;
}
