using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports.FollowUps;

/// <summary>The closed loop: how often detractor answers are looked for, and the prompts to owners (section <c>FollowUps</c>).</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>Seconds between looks for detractor answers without a follow-up (and follow-ups without a prompt). Default is 15.</summary>
    [Range(0.1, 3600)]
    public double IntervalSeconds { get; set; } = 15;

    /// <summary>
    /// An owner is prompted by email only for answers given at most this many days before the follow-up opened; older ones
    /// (a history imported from CSV) open follow-ups without mail. Default is 7.
    /// </summary>
    [Range(0, 3650)]
    public double PromptWithinDays { get; set; } = 7;

    /// <summary>The dashboard UI's address as its users reach it, for the link in a prompt. Default is <c>http://127.0.0.1:8080/</c>.</summary>
    [Required]
    [Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080/";

    /// <summary>Follow-ups opened per look; more wait for the next. Default is 10,000.</summary>
    [Range(1, 1_000_000)]
    public int Batch { get; set; } = 10_000;
}
