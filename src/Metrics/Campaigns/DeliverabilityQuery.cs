using Analytics.Metrics.Common;

namespace Analytics.Metrics.Campaigns;

/// <summary>The deliverability query's request: a window, and one campaign or all.</summary>
public sealed record DeliverabilityRequest(DateWindow Window, string? Campaign = null);

/// <summary>
/// What happened to one campaign's emails in a window (docs/design.md): counts of SendGrid's events, and rates over the
/// emails delivered (the bounce rate over those delivered or bounced), null when there is nothing to divide by.
/// </summary>
public sealed record CampaignDeliverability(
    string? Campaign, long Delivered, long Bounced, long Dropped, long SpamReports, long Unsubscribes,
    long Opens, long MachineOpens, long Clicks)
{
    /// <summary>bounced ÷ (delivered + bounced): of the emails the receiving servers answered, the share refused.</summary>
    public double? BounceRate => Ratio.Of(Bounced, Delivered + Bounced);

    /// <summary>spam reports ÷ delivered.</summary>
    public double? SpamReportRate => Ratio.Of(SpamReports, Delivered);

    /// <summary>unsubscribes ÷ delivered.</summary>
    public double? UnsubscribeRate => Ratio.Of(Unsubscribes, Delivered);

    /// <summary>A person's opens ÷ delivered (events, so a person opening twice counts twice); machine opens left out.</summary>
    public double? OpenRate => Ratio.Of(Opens, Delivered);
}

/// <summary>Deliverability per campaign from the email events by campaign, whatever their account.</summary>
/// <remarks>
/// Query intuition: one row per email event in <c>email_campaign_events</c> (FINAL collapses an event re-attributed to
/// its account with its original); the window's days grouped by campaign, each figure a count of its event types.
/// Bounced counts <c>bounce</c> (SendGrid's hard bounces and blocks: its event is <c>bounce</c> with type
/// <c>bounce</c> or <c>blocked</c>) and a <c>blocked</c> event from other senders; <c>dropped</c> (SendGrid did not
/// send: an earlier bounce, unsubscribe or spam report, an invalid address) is its own figure.
/// </remarks>
public sealed class DeliverabilityQuery(IClickHouseGateway gateway)
{
    private const string Sql = """
        SELECT nullIf(campaign, '') AS campaign,
            countIf(type = 'delivered') AS delivered,
            countIf(type IN ('bounce', 'blocked')) AS bounced,
            countIf(type = 'dropped') AS dropped,
            countIf(type = 'spamreport') AS spam_reports,
            countIf(type IN ('unsubscribe', 'group_unsubscribe')) AS unsubscribes,
            countIf(type = 'open') AS opens,
            countIf(type = 'machine_open') AS machine_opens,
            countIf(type = 'click') AS clicks
        FROM email_campaign_events FINAL
        WHERE day >= {from:Date} AND day < {to:Date}{only}
        GROUP BY campaign
        ORDER BY delivered DESC, campaign
        """;

    public async Task<IReadOnlyList<CampaignDeliverability>> RunAsync(DeliverabilityRequest request, CancellationToken cancellationToken)
    {
        var parameters = request.Window.ToParameters();
        var only = "";
        if (request.Campaign is { } campaign)
        {
            parameters.Add("campaign", campaign);
            only = " AND campaign = {campaign:String}";
        }

        return await gateway.ListAsync(Sql.Replace("{only}", only, StringComparison.Ordinal), parameters, r => new CampaignDeliverability(
            r.Get<string?>("campaign"), r.Get<long>("delivered"), r.Get<long>("bounced"), r.Get<long>("dropped"), r.Get<long>("spam_reports"),
            r.Get<long>("unsubscribes"), r.Get<long>("opens"), r.Get<long>("machine_opens"), r.Get<long>("clicks")), cancellationToken);
    }
}
