using System.ComponentModel.DataAnnotations;

namespace Analytics.Metrics.Journey;

/// <summary>The account journey's settings. Section <c>Journey</c>.</summary>
public sealed class JourneyOptions
{
    public const string Section = "Journey";

    /// <summary>
    /// How far back an account's events count for the AWARE and ENGAGED stages at an instant, in days. Default is 90.
    /// </summary>
    [Range(1, 3650)]
    public int LookbackDays { get; set; } = 90;

    /// <summary>How often the journey's spans catch up with newly stored activity, in seconds. Default is 10.</summary>
    [Range(1, 3600)]
    public int IndexIntervalSeconds { get; set; } = 10;
}
