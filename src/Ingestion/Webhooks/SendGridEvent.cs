using System.Text.Json;
using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Webhooks;

/// <summary>
/// One event of SendGrid's event webhook as an email engagement event: <c>sg_event_id</c> is the event id,
/// <c>event</c> (delivered, open, click, bounce, …) the type, <c>email</c> the contact. The campaign is a custom
/// argument <c>campaign</c> (or <c>utm_campaign</c>), else the first <c>category</c>.
/// </summary>
public static class SendGridEvent
{
    public static (IngestRecord? Record, string? Error) Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return (null, "an event must be a JSON object");
        }

        var type = Text(e, "event");
        if (type is null)
        {
            return (null, "event is required");
        }

        if (!e.TryGetProperty("timestamp", out var timestamp) || !timestamp.TryGetInt64(out var seconds))
        {
            return (null, "timestamp (unix seconds) is required");
        }

        var email = Text(e, "email")?.ToLowerInvariant();
        if (email is null)
        {
            return (null, "email is required");
        }

        return (new EngagementEvent(
            EventId: Text(e, "sg_event_id") ?? ContentIds.Of("sendgrid", e.GetRawText()),
            Timestamp: DateTime.UnixEpoch.AddSeconds(seconds),
            Channel: "email",
            Type: type.ToLowerInvariant(),
            ContactEmail: email,
            Campaign: Text(e, "campaign") ?? Text(e, "utm_campaign") ?? FirstCategory(e),
            Source: "sendgrid",
            Url: Text(e, "url"),
            PropertiesJson: e.GetRawText()), null);
    }

    private static string? FirstCategory(JsonElement e)
    {
        if (!e.TryGetProperty("category", out var category))
        {
            return null;
        }

        return category.ValueKind switch
        {
            JsonValueKind.String => category.GetString(),
            JsonValueKind.Array when category.GetArrayLength() > 0 && category[0].ValueKind == JsonValueKind.String => category[0].GetString(),
            _ => null,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
