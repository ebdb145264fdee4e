using System.Text.Json;

namespace Analytics.Ingestion;

/// <summary>Why one JSON message is refused; the intake reports it by the message's index.</summary>
internal sealed class MessageException(string message) : Exception(message);

/// <summary>Reading text out of one JSON message without letting a bad value fail more than that message.</summary>
internal static class JsonText
{
    /// <summary>A string value's text.</summary>
    /// <exception cref="MessageException">The string holds an escaped unpaired surrogate (<c>"\ud800"</c>), which is no text.</exception>
    public static string String(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // TRICKY: the document parses, since the escape is well-formed JSON; only decoding it to UTF-16 fails.
            throw new MessageException($"{name} is not valid text (it holds an unpaired UTF-16 surrogate escape)");
        }
    }

    /// <summary>A value as a refusal shows it: its JSON text, cut short when long.</summary>
    public static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }
}
