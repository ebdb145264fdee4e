namespace Analytics.Reports.Alerts;

/// <summary>What a rule watches for.</summary>
public enum AlertKind
{
    /// <summary>An engaged account's surge (the surging-accounts metric) reaches the rule's factor.</summary>
    Surge,

    /// <summary>An account enters the rule's journey stage (docs/journey.md).</summary>
    StageEntered,

    /// <summary>A detractor answer opens a follow-up.</summary>
    FollowUpOpened,

    /// <summary>An account joins the rule's (rule) target list.</summary>
    ListJoined,
}

/// <summary>Where a rule's alerts go.</summary>
public enum AlertChannel
{
    /// <summary>A Slack incoming-webhook URL (itself a secret).</summary>
    Slack,

    /// <summary>Any HTTP(S) endpoint, as signed JSON.</summary>
    Webhook,

    /// <summary>An email address, through the reports' SMTP delivery.</summary>
    Email,
}

/// <summary>A kind's parameters: the surge factor, the journey stage, the target list. A new kind adds its own (stored as JSON, no migration).</summary>
public sealed record AlertParameters(double? Factor = null, string? Stage = null, string? List = null);

/// <summary>
/// An admin-defined alert rule. <see cref="Target"/> is the URL (Slack, webhook) or the address (email); the URL and
/// <see cref="Secret"/> never leave the server through the API (see <see cref="MaskedTarget"/>).
/// </summary>
public sealed record AlertRule(
    string Id,
    string Name,
    AlertKind Kind,
    AlertParameters Parameters,
    AlertChannel Channel,
    string Target,
    string? Secret,
    bool Enabled,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>What the API shows of the target: an email address whole, a URL as its scheme and host only.</summary>
    public string MaskedTarget => Channel == AlertChannel.Email || !Uri.TryCreate(Target, UriKind.Absolute, out var url)
        ? Target
        : $"{url.Scheme}://{url.Authority}/…";
}

/// <summary>
/// A rule to save: a new one without <see cref="Id"/>. On an existing rule a null <see cref="Target"/> or
/// <see cref="Secret"/> keeps the stored one (the API never shows them, so a client cannot send them back).
/// </summary>
public sealed record AlertRuleInput(
    string? Id, string Name, AlertKind Kind, AlertParameters Parameters, AlertChannel Channel, string? Target, string? Secret, bool Enabled);

/// <summary>A rule that cannot be saved as asked; the message says why.</summary>
public sealed class AlertRuleException(string message) : Exception(message);
