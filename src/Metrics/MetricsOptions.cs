using System.ComponentModel.DataAnnotations;

namespace Analytics.Metrics;

/// <summary>Limits and defaults of the metrics. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The longest <c>[from, to)</c> window a metric answers, in days. Default is 1,096 (three years).</summary>
    [Range(1, 36_600)]
    public int MaxWindowDays { get; set; } = 1096;

    /// <summary>How far before an opportunity's creation its account's touches count for attribution, in days. Default is 90.</summary>
    [Range(1, 3650)]
    public int AttributionLookbackDays { get; set; } = 90;

    /// <summary>How often the opportunities' stored touches catch up with newly stored events, in seconds. Default is 10.</summary>
    [Range(1, 3600)]
    public int AttributionIndexIntervalSeconds { get; set; } = 10;
}
