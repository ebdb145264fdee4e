using System.Globalization;
using System.Text.Json;
using Analytics.Ingestion.Records;
using Analytics.Storage;

namespace Analytics.Ingestion.Segment;

/// <summary>
/// Turns one Segment message (track, page, identify, group, alias) into a record, following docs/contract.md: <c>messageId</c>
/// is the event id; a <c>page</c> is a web page_view of <c>properties.url</c> (else <c>context.page.url</c>); a
/// <c>track</c>'s <c>event</c> is its type and <c>properties.channel</c> its channel (web when absent);
/// <c>context.groupId</c> is the account.
/// </summary>
public static class SegmentMessage
{
    /// <summary>The record, or the reason the message is refused.</summary>
    public static (IngestRecord? Record, string? Error) Parse(JsonElement message, string? typeFromPath, DateTime receivedAt)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return (null, "a message must be a JSON object");
        }

        try
        {
            var type = (Text(message, "type") ?? typeFromPath)?.ToLowerInvariant();
            // Checked for every call type, stored only with events: a time outside the range is a bad message either way.
            var at = Timestamp(message) ?? receivedAt;
            return type switch
            {
                "track" => (Track(message, at), null),
                "page" => (Page(message, at), null),
                "identify" => (Identify(message), null),
                "group" => (Group(message), null),
                "alias" => (Alias(message), null),
                null => (null, "type is required (track, page, identify, group or alias)"),
                _ => (null, $"type '{type}' is not supported (track, page, identify, group or alias)"),
            };
        }
        catch (MessageException e)
        {
            return (null, e.Message);
        }
    }

    private static EngagementEvent Track(JsonElement m, DateTime at)
    {
        var name = Text(m, "event") ?? throw new MessageException("event is required for a track call");
        var properties = Child(m, "properties");
        var channel = (Text(properties, "channel") ?? "web").ToLowerInvariant();
        if (!EngagementEvent.Channels.Contains(channel))
        {
            throw new MessageException($"properties.channel '{channel}' is not one of ad, email, web, event, other");
        }

        return Event(m, at, channel, EventType(name), Text(properties, "url") ?? Text(Child(Child(m, "context"), "page"), "url"));
    }

    private static EngagementEvent Page(JsonElement m, DateTime at)
    {
        var url = Text(Child(m, "properties"), "url") ?? Text(Child(Child(m, "context"), "page"), "url");
        return Event(m, at, "web", "page_view", url);
    }

    private static EngagementEvent Event(JsonElement m, DateTime at, string channel, string type, string? url)
    {
        var (userId, anonymousId) = Ids(m, required: true);
        var context = Child(m, "context");
        var properties = Child(m, "properties");
        var campaign = Child(context, "campaign");
        return new EngagementEvent(
            EventId: Text(m, "messageId") ?? ContentIds.Of("segment", m.GetRawText()),
            Timestamp: at,
            Channel: channel,
            Type: type,
            AccountId: Text(context, "groupId"),
            ContactId: userId,
            ContactEmail: (Text(Child(context, "traits"), "email") ?? Text(properties, "email"))?.ToLowerInvariant(),
            AnonymousId: anonymousId,
            Campaign: Text(properties, "campaign") ?? Text(campaign, "name"),
            Source: Text(properties, "source") ?? Source(campaign),
            Url: url,
            PropertiesJson: properties.ValueKind == JsonValueKind.Object ? properties.GetRawText() : null);
    }

    private static IdentityLink Identify(JsonElement m)
    {
        var (userId, anonymousId) = Ids(m, required: true);
        var traits = Child(m, "traits");
        var context = Child(m, "context");
        return new IdentityLink(userId, anonymousId,
            (Text(traits, "email") ?? Text(Child(context, "traits"), "email"))?.ToLowerInvariant(),
            Text(context, "groupId"),
            traits.ValueKind == JsonValueKind.Object ? traits.GetRawText() : null);
    }

    private static IdentityLink Group(JsonElement m)
    {
        var (userId, anonymousId) = Ids(m, required: true);
        var groupId = Text(m, "groupId") ?? throw new MessageException("groupId is required for a group call");
        var traits = Child(m, "traits");
        return new IdentityLink(userId, anonymousId, null, groupId, traits.ValueKind == JsonValueKind.Object ? traits.GetRawText() : null, GroupTraitsOf(traits));
    }

    /// <summary>The account attributes of a group's traits: the company's domain is <c>domain</c>, else the host of <c>website</c>.</summary>
    private static GroupTraits GroupTraitsOf(JsonElement traits) => new(
        Text(traits, "name"),
        Identity.EmailDomains.Normalize(Text(traits, "domain") ?? Text(traits, "website")),
        Text(traits, "industry"),
        Employees(traits));

    // Segment's spec makes employees a number; senders also send "250" as text. A range such as "50-200" names no
    // count: it is left out rather than refusing the call, whose link to the account matters more.
    private static uint? Employees(JsonElement traits) =>
        Child(traits, "employees") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } value
        && decimal.TryParse(value.ValueKind == JsonValueKind.String ? JsonText.String(value, "employees") : value.GetRawText(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
        && n >= 0 && n <= uint.MaxValue && n == decimal.Truncate(n)
            ? (uint)n
            : null;

    private static IdentityLink Alias(JsonElement m)
    {
        var userId = Text(m, "userId") ?? throw new MessageException("userId is required for an alias call");
        var previous = Text(m, "previousId") ?? throw new MessageException("previousId is required for an alias call");
        return new IdentityLink(userId, previous);
    }

    /// <summary>Event names as types: "Form Submit" and "form-submit" are both <c>form_submit</c>.</summary>
    private static string EventType(string name) =>
        string.Join('_', name.Trim().ToLowerInvariant().Split([' ', '-', '.'], StringSplitOptions.RemoveEmptyEntries));

    private static string? Source(JsonElement campaign)
    {
        var source = Text(campaign, "source");
        var medium = Text(campaign, "medium");
        return source is null ? medium : medium is null ? source : $"{source}/{medium}";
    }

    private static (string? UserId, string? AnonymousId) Ids(JsonElement m, bool required)
    {
        var userId = Text(m, "userId");
        var anonymousId = Text(m, "anonymousId");
        if (required && userId is null && anonymousId is null)
        {
            throw new MessageException("userId or anonymousId is required");
        }

        return (userId, anonymousId);
    }

    private static DateTime? Timestamp(JsonElement m)
    {
        var text = Text(m, "timestamp");
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new MessageException($"timestamp '{text}' is not an ISO-8601 time");
        }

        return SupportedTimeRange.Contains(at.UtcDateTime) ? at.UtcDateTime : throw new MessageException(SupportedTimeRange.Refusal("timestamp", text));
    }

    private static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) ? child : default;

    /// <summary>A string or number property as trimmed text; null when absent, null or empty.</summary>
    private static string? Text(JsonElement parent, string name)
    {
        var value = Child(parent, name);
        var text = value.ValueKind switch
        {
            JsonValueKind.String => JsonText.String(value, name),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new MessageException($"{name} must be a string"),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
