using Analytics.Storage.Schema;

namespace Analytics.Metrics.Schema;

/// <summary>The email events by campaign that deliverability figures count, whether or not their account is known.</summary>
public static class DeliverabilityTables
{
    /// <summary>
    /// One row per email event: day, campaign, type and id. TRICKY: not a summing rollup. Re-attribution inserts a copy
    /// of an event once its account is found (and deletes the original), which a view would count twice; keyed by the
    /// event id, the copy replaces the original here, and queries read with FINAL. Sharded by the id for the same reason.
    /// </summary>
    public static readonly TableSpec EmailCampaignEvents = new(
        "email_campaign_events",
        ["day Date", "campaign LowCardinality(String)", "type LowCardinality(String)", "event_id String"],
        "ReplacingMergeTree",
        "day, campaign, type, event_id",
        PartitionBy: "toYYYYMM(day)",
        ShardingKey: "cityHash64(event_id)");

    public static readonly MaterializedViewSpec EmailCampaignEventsView = new(
        "email_campaign_events_mv",
        Source: "events",
        Target: "email_campaign_events",
        Select: """
            SELECT toDate(timestamp) AS day, campaign, type, event_id
            FROM {source}
            WHERE channel = 'email'
            """);
}
