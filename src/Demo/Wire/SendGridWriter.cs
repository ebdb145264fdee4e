using System.Text.Json;

namespace Analytics.Demo.Wire;

/// <summary>
/// Writes email messages as SendGrid event webhook bodies: JSON arrays of events with <c>sg_event_id</c>, unix-second
/// timestamps, the campaign as a custom argument and in <c>category</c>. At most 500 events and 500 KB a body.
/// </summary>
internal static class SendGridWriter
{
    public static List<DemoPayload> Batches(IEnumerable<DemoMessage> messages)
    {
        var batcher = new JsonBatcher("[", "]", SegmentWriter.MaxMessages, SegmentWriter.MaxBytes);
        foreach (var message in messages)
        {
            batcher.Add(w => Write(w, message));
        }

        return batcher.Finish();
    }

    private static void Write(Utf8JsonWriter w, DemoMessage m)
    {
        w.WriteStartObject();
        w.WriteString("email", m.Email);
        w.WriteNumber("timestamp", new DateTimeOffset(m.Timestamp, TimeSpan.Zero).ToUnixTimeSeconds());
        // A machine's open is an open SendGrid marks sg_machine_open, as it sends one.
        w.WriteString("event", m.Type == "machine_open" ? "open" : m.Type);
        if (m.Type == "machine_open")
        {
            w.WriteBoolean("sg_machine_open", true);
        }

        w.WriteString("sg_event_id", m.MessageId);
        w.WriteString("sg_message_id", MessageIdOf(m));
        if (m.Url is not null)
        {
            w.WriteString("url", m.Url);
        }

        w.WriteStartArray("category");
        foreach (var (key, value) in m.Extra ?? [])
        {
            if (key == "category")
            {
                w.WriteStringValue(value);
            }
        }

        w.WriteEndArray();
        // Custom arguments arrive as top-level fields of the event.
        w.WriteString("campaign", m.Campaign);
        w.WriteEndObject();
    }

    /// <summary>One SendGrid message per campaign and recipient, so opens and clicks share their delivery's id.</summary>
    private static string MessageIdOf(DemoMessage m)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in m.Campaign + "|" + m.Email)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return $"{hash:x16}.filterdrecv-demo";
    }
}
