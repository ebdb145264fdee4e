using System.Globalization;
using System.Text.Json;

namespace Analytics.Demo.Wire;

/// <summary>Writes demo messages as Segment batch bodies: <c>{"batch":[...]}</c>, at most 500 messages and 500 KB each.</summary>
internal static class SegmentWriter
{
    /// <summary>Segment's limits on one batch. 500 KB is read as 500,000 bytes, the stricter reading.</summary>
    public const int MaxMessages = 500;

    public const int MaxBytes = 500_000;

    public static List<DemoPayload> Batches(IEnumerable<DemoMessage> messages)
    {
        var batcher = new JsonBatcher("{\"batch\":[", "]}", MaxMessages, MaxBytes);
        foreach (var message in messages)
        {
            batcher.Add(w => Write(w, message));
        }

        return batcher.Finish();
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter w, DemoMessage m)
    {
        w.WriteStartObject();
        w.WriteString("type", m.Kind switch
        {
            DemoMessageKind.Page => "page",
            DemoMessageKind.Track => "track",
            DemoMessageKind.Identify => "identify",
            DemoMessageKind.Group => "group",
            _ => throw new ArgumentException($"{m.Kind} is not a Segment call.", nameof(m)),
        });
        w.WriteString("messageId", m.MessageId);
        w.WriteString("timestamp", Time(m.Timestamp));
        WriteIfSet(w, "anonymousId", m.AnonymousId);
        WriteIfSet(w, "userId", m.UserId);
        switch (m.Kind)
        {
            case DemoMessageKind.Track:
                w.WriteString("event", m.Type);
                WriteProperties(w, m, channel: true);
                break;
            case DemoMessageKind.Page:
                WriteProperties(w, m, channel: false);
                break;
            case DemoMessageKind.Identify:
                WriteTraits(w, m);
                break;
            case DemoMessageKind.Group:
                w.WriteString("groupId", m.SentGroupId ?? m.AccountId);
                WriteTraits(w, m);
                break;
        }

        WriteContext(w, m);
        w.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter w, DemoMessage m, bool channel)
    {
        w.WriteStartObject("properties");
        if (channel)
        {
            w.WriteString("channel", m.Channel);
        }

        if (m.Url is not null)
        {
            w.WriteString("url", m.Url);
            w.WriteString("path", new Uri(m.Url).AbsolutePath);
        }

        WriteIfSet(w, "campaign", m.Campaign);
        WriteIfSet(w, "source", m.Source);
        foreach (var (key, value) in m.Extra ?? [])
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteTraits(Utf8JsonWriter w, DemoMessage m)
    {
        w.WriteStartObject("traits");
        foreach (var (key, value) in m.Extra ?? [])
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter w, DemoMessage m)
    {
        w.WriteStartObject("context");
        if (m.GroupIdSent && m.Kind != DemoMessageKind.Group)
        {
            w.WriteString("groupId", m.AccountId);
        }

        if (m.Kind == DemoMessageKind.Page && m.Url is not null)
        {
            w.WriteStartObject("page");
            w.WriteString("url", m.Url);
            w.WriteEndObject();
        }

        if (m.Campaign is not null && m.Medium is not null)
        {
            // Segment's UTM convention: where the visit came from.
            w.WriteStartObject("campaign");
            w.WriteString("name", m.Campaign);
            WriteIfSet(w, "source", m.Source);
            w.WriteString("medium", m.Medium);
            w.WriteEndObject();
        }

        w.WriteStartObject("library");
        w.WriteString("name", "analytics-demo");
        w.WriteString("version", "1.0");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
