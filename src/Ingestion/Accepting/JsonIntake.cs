using System.Text.Json;
using Analytics.Ingestion.Segment;
using Analytics.Ingestion.Webhooks;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion.Accepting;

/// <summary>A request body that is not JSON, or not the JSON this endpoint takes; the message says where.</summary>
public sealed class MalformedRequestException(string message) : Exception(message);

/// <summary>
/// The JSON sources: Segment's tracking API (a batch, or one call) and SendGrid's event webhook. Each message is parsed
/// on its own, so a bad one is refused with its index while the good ones of the same request are kept.
/// </summary>
public sealed class JsonIntake(Intake intake, IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <summary><c>POST /v1/batch</c>: <c>{"batch": [messages]}</c>, each message with its own <c>type</c>.</summary>
    public Task<IntakeResult> AcceptSegmentBatchAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
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
    public Task<IntakeResult> AcceptSegmentCallAsync(string type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var document = Parse(body);
        return AcceptAsync("segment", [document.RootElement], m => SegmentMessage.Parse(m, type, Now), cancellationToken);
    }

    /// <summary><c>POST /v1/webhooks/sendgrid</c>: a JSON array of SendGrid events.</summary>
    public Task<IntakeResult> AcceptSendGridAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedRequestException("the body must be a JSON array of SendGrid events");
        }

        return AcceptAsync("sendgrid", document.RootElement.EnumerateArray(), SendGridEvent.Parse, cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<IntakeResult> AcceptAsync(
        string source, IEnumerable<JsonElement> messages, Func<JsonElement, (Records.IngestRecord?, string?)> parse, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxEventBytes;
        var inputs = messages.Select((message, index) =>
        {
            var raw = message.GetRawText();
            if (raw.Length > limit)
            {
                return new ParsedInput(index, null, $"the message is {raw.Length:N0} bytes, over the limit of {limit:N0}", raw);
            }

            var (record, error) = parse(message);
            return new ParsedInput(index, record, error, raw);
        }).ToList();
        return intake.AcceptAsync(source, inputs, cancellationToken);
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
