using System.Text;
using System.Text.Json;
using Analytics.Ingestion.Records;
using Analytics.Ingestion.Webhooks;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion.Accepting;

/// <summary>A Typeform request whose <c>Typeform-Signature</c> is missing or wrong while a secret is configured; answered 401.</summary>
public sealed class WebhookSignatureException(string message) : Exception(message);

/// <summary>
/// The survey tools' webhooks: one answer per request, mapped by <see cref="SurveyWebhookOptions"/>. An answer that
/// cannot be mapped is refused (index 0) and kept as a dead letter with the whole body; a good one goes to the spool.
/// </summary>
public sealed class SurveyWebhookIntake(Intake intake, IOptionsMonitor<SurveyWebhookOptions> options)
{
    /// <summary><c>POST /v1/webhooks/typeform</c>: Typeform's <c>form_response</c>, signed when a secret is configured.</summary>
    public Task<IntakeTally> AcceptTypeformAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken)
    {
        var typeform = options.CurrentValue.Typeform;
        if (!string.IsNullOrEmpty(typeform.Secret) && !TypeformResponse.IsSigned(body.Span, signature, typeform.Secret))
        {
            throw new WebhookSignatureException(signature is null
                ? "the Typeform-Signature header is missing, and Surveys:Typeform:Secret is set"
                : "the Typeform-Signature header does not match the body signed with Surveys:Typeform:Secret");
        }

        return AcceptAsync("typeform", body, root => TypeformResponse.Parse(root, typeform), cancellationToken);
    }

    /// <summary><c>POST /v1/webhooks/delighted</c>: Delighted's <c>survey_response</c> events.</summary>
    public Task<IntakeTally> AcceptDelightedAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        AcceptAsync("delighted", body, root => DelightedResponse.Parse(root, options.CurrentValue.Delighted), cancellationToken);

    private async Task<IntakeTally> AcceptAsync(
        string source, ReadOnlyMemory<byte> body, Func<JsonElement, (IngestRecord? Record, string? Error)> parse, CancellationToken cancellationToken)
    {
        using var document = JsonIntake.Parse(body);
        var (record, error) = parse(document.RootElement);
        var tally = intake.NewTally();
        await intake.AcceptAsync(source, [new ParsedInput(0, record, error, Encoding.UTF8.GetString(body.Span))], tally, cancellationToken);
        return tally;
    }
}
