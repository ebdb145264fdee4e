using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Analytics.Ingestion.Segment;
using Analytics.Ingestion.Webhooks;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// The JSON sources: Segment's tracking API (a batch, or one call) and SendGrid's event webhook. Each message is parsed
/// on its own, so a bad one is refused with its index while the good ones of the same request are kept.
/// </summary>
public sealed class JsonIntake(Intake intake, IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <summary><c>POST /v1/batch</c>: <c>{"batch": [messages]}</c>, each message with its own <c>type</c>.</summary>
    public Task<IntakeTally> AcceptSegmentBatchAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedRequestException("the body must be an object with a \"batch\" array");
        }

        return AcceptAsync("segment", batch.EnumerateArray(), m => SegmentMessage.Parse(m, null, Now), cancellationToken);
    }

    /// <summary><c>POST /v1/track</c>, <c>/page</c>, <c>/identify</c>, <c>/group</c>: one message whose type is the path's.</summary>
    public Task<IntakeTally> AcceptSegmentCallAsync(string type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var document = Parse(body);
        return AcceptAsync("segment", [document.RootElement], m => SegmentMessage.Parse(m, type, Now), cancellationToken);
    }

    /// <summary><c>POST /v1/webhooks/sendgrid</c>: a JSON array of SendGrid events.</summary>
    public Task<IntakeTally> AcceptSendGridAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedRequestException("the body must be a JSON array of SendGrid events");
        }

        return AcceptAsync("sendgrid", document.RootElement.EnumerateArray(), SendGridEvent.Parse, cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IntakeTally> AcceptAsync(
        string source, IEnumerable<JsonElement> messages, Func<JsonElement, (Records.IngestRecord?, string?)> parse, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxEventBytes;
        var inputs = messages.Select((message, index) =>
        {
            var raw = JsonMarshal.GetRawUtf8Value(message);
            if (!Utf8.IsValid(raw))
            {
                // The document parses (JSON checks UTF-8 only outside strings), but its text cannot be read: its
                // payload is kept with the bad bytes replaced, which is the most text it has.
                return new ParsedInput(index, null, $"the message is not valid UTF-8 (at byte {FirstInvalidByte(raw) + 1:N0} of it)", Encoding.UTF8.GetString(raw));
            }

            var text = message.GetRawText();
            if (raw.Length > limit)
            {
                return new ParsedInput(index, null, $"the message is {raw.Length:N0} bytes, over the limit of {limit:N0}", text);
            }

            var (record, error) = parse(message);
            return new ParsedInput(index, record, error, text);
        }).ToList();
        var tally = intake.NewTally();
        await intake.AcceptAsync(source, inputs, tally, cancellationToken);
        return tally;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> text)
    {
        Utf8.ToUtf16(text, new char[text.Length], out var valid, out _, replaceInvalidSequences: false);
        return valid;
    }

    internal static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException(
                $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
    }
}
