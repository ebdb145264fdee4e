using System.Globalization;
using System.Text.Json;
using Analytics.Ingestion.Records;
using Analytics.Storage;

namespace Analytics.Ingestion.Webhooks;

/// <summary>
/// One event of SendGrid's event webhook as an email engagement event: <c>sg_event_id</c> is the event id,
/// <c>event</c> (delivered, open, click, bounce, …) the type (<c>machine_open</c> for an open SendGrid marks as a
/// machine's), <c>email</c> the contact. The campaign is the Marketing Campaigns name (<c>marketing_campaign_name</c>,
/// then <c>singlesend_name</c>), else a custom argument <c>campaign</c> (or <c>utm_campaign</c>), else the first <c>category</c>.
/// </summary>
public static class SendGridEvent
{
    public static (IngestRecord? Record, string? Error) Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return (null, "an event must be a JSON object");
        }

        try
        {
            return (Event(e), null);
        }
        catch (MessageException refused)
        {
            return (null, refused.Message);
        }
    }

    private static EngagementEvent Event(JsonElement e)
    {
        var type = Text(e, "event") ?? throw new MessageException("event is required");
        var at = Timestamp(e);
        var email = Text(e, "email")?.ToLowerInvariant() ?? throw new MessageException("email is required");
        return new EngagementEvent(
            EventId: Text(e, "sg_event_id") ?? ContentIds.Of("sendgrid", e.GetRawText()),
            Timestamp: at,
            Channel: "email",
            Type: TypeOf(e, type.ToLowerInvariant()),
            ContactEmail: email,
            Campaign: Text(e, "marketing_campaign_name") ?? Text(e, "singlesend_name") ?? Text(e, "campaign") ?? Text(e, "utm_campaign") ?? FirstCategory(e),
            Source: "sendgrid",
            Url: Text(e, "url"),
            PropertiesJson: e.GetRawText());
    }

    /// <summary>
    /// The event's type; an open SendGrid marks <c>sg_machine_open</c> (Apple Mail Privacy Protection and other clients
    /// that fetch every image) is <c>machine_open</c>, which like the delivery events (delivered, bounce, …) is kept for
    /// deliverability and is no engagement: it reaches and scores no account (docs/design.md, "Engagement events").
    /// </summary>
    private static string TypeOf(JsonElement e, string type) =>
        type == "open" && e.TryGetProperty("sg_machine_open", out var machine) && machine.ValueKind == JsonValueKind.True ? "machine_open" : type;

    /// <summary>SendGrid's <c>timestamp</c>: whole unix seconds, as a JSON number, inside the supported range.</summary>
    private static DateTime Timestamp(JsonElement e)
    {
        if (!e.TryGetProperty("timestamp", out var timestamp) || timestamp.ValueKind == JsonValueKind.Null)
        {
            throw new MessageException("timestamp (unix seconds) is required");
        }

        if (timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var seconds))
        {
            throw new MessageException($"timestamp {JsonText.Shown(timestamp)} is not a whole number of unix seconds");
        }

        // TRICKY: checked before the conversion, which throws past the year 9999.
        return SupportedTimeRange.ContainsUnixSeconds(seconds)
            ? DateTime.UnixEpoch.AddSeconds(seconds)
            : throw new MessageException(SupportedTimeRange.Refusal("timestamp", seconds.ToString(CultureInfo.InvariantCulture)));
    }

    private static string? FirstCategory(JsonElement e)
    {
        if (!e.TryGetProperty("category", out var category))
        {
            return null;
        }

        return category.ValueKind switch
        {
            JsonValueKind.String => JsonText.String(category, "category"),
            JsonValueKind.Array when category.GetArrayLength() > 0 && category[0].ValueKind == JsonValueKind.String => JsonText.String(category[0], "category"),
            _ => null,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && JsonText.String(value, name) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;
}
