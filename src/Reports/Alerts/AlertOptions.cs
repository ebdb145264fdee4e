using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports.Alerts;

/// <summary>Alert rules: how often they are checked, how their alerts are delivered and retried (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Seconds between two rounds of detection (every enabled rule checked). Default is 60.</summary>
    [Range(0.1, 86400)]
    public double IntervalSeconds { get; set; } = 60;

    /// <summary>Seconds between two looks for alerts due for delivery. Default is 5.</summary>
    [Range(0.05, 3600)]
    public double DeliveryIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds before the second attempt of a failed delivery; each later wait doubles. Default is 30.</summary>
    [Range(0, 86400)]
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts, in seconds. Default is 3,600.</summary>
    [Range(0, 604800)]
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Delivery attempts of an alert before it is FAILED. Default is 10.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Seconds one HTTP delivery (Slack, webhook) may take. Default is 10.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries under way at once. Default is 4.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Allow Slack and webhook URLs that reach loopback, link-local, private, CGNAT, unspecified or multicast addresses.
    /// Default is false: the server must not be a way into its own network. Tests on loopback set it.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The dashboard UI's address as its users reach it, for an alert's link to the account; default <c>FollowUps:PublicUrl</c>.</summary>
    [Url]
    public string? PublicUrl { get; set; }
}
