namespace Analytics.Metrics.Scoring;

/// <summary>
/// The one rule of what counts as engagement (docs/design.md): every event but an email's delivery reports and the
/// opens a machine made. Those are kept in <c>events</c> and counted for deliverability; they never reach, touch,
/// make aware or score an account. The rollups' views filter on <see cref="Sql"/>, so every metric read from them
/// follows it, and a scoring rule cannot price them (<see cref="ScoringModel.Problems"/>).
/// </summary>
public static class EngagementEvents
{
    /// <summary>
    /// Email event types that say what happened to a message, not what a person did with it: SendGrid's delivery
    /// events (processed, deferred, delivered, bounce, dropped), its list events (spam reports and unsubscribes, which
    /// a person makes but which are no interest in the offer), a generic <c>sent</c>, and <c>machine_open</c>, an open
    /// SendGrid marks <c>sg_machine_open</c> (Apple Mail Privacy Protection fetches every image).
    /// </summary>
    public static readonly IReadOnlyList<string> EmailDeliveryTypes =
    [
        "processed", "sent", "deferred", "delivered", "bounce", "blocked", "dropped", "spamreport",
        "unsubscribe", "group_unsubscribe", "group_resubscribe", "machine_open",
    ];

    /// <summary>
    /// The rule as a SQL condition on the <c>channel</c> and <c>type</c> columns. TRICKY: the types are written into the
    /// text (a view's SELECT takes no parameters); they are the constants above, never input.
    /// </summary>
    public static readonly string Sql =
        $"NOT (channel = 'email' AND type IN ({string.Join(", ", EmailDeliveryTypes.Select(t => $"'{t}'"))}))";

    /// <summary>Whether an event of this channel and type is engagement.</summary>
    public static bool IsEngagement(string channel, string type) => !(channel == "email" && EmailDeliveryTypes.Contains(type));
}
