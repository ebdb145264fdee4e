using Analytics.Ingestion;
using Analytics.Ingestion.Accepting;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class SurveyWebhooksApi
{
    /// <summary>
    /// The survey tools' webhooks, for keys with the <c>ingest</c> role: Typeform's <c>form_response</c> and Delighted's
    /// <c>survey_response</c> events, answered as the other ingestion endpoints are (400, 413, 503 with Retry-After), and
    /// 401 for a Typeform request whose signature does not match the configured secret.
    /// </summary>
    public static RouteGroupBuilder MapSurveyWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").RequireAuthorization(Auth.Roles.Ingest);
        group.MapPost("/typeform", async (HttpRequest request, SurveyWebhookIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
        {
            try
            {
                var signature = request.Headers["Typeform-Signature"].FirstOrDefault();
                return await IngestionApi.AcceptAsync(request, options.Value.MaxBatchBytes, "Ingestion:MaxBatchBytes", body => intake.AcceptTypeformAsync(body, signature, ct), ct);
            }
            catch (WebhookSignatureException e)
            {
                return TypedResults.Json(new { success = false, message = e.Message }, statusCode: StatusCodes.Status401Unauthorized);
            }
        });
        group.MapPost("/delighted", (HttpRequest request, SurveyWebhookIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
            IngestionApi.AcceptAsync(request, options.Value.MaxBatchBytes, "Ingestion:MaxBatchBytes", body => intake.AcceptDelightedAsync(body, ct), ct));
        return group;
    }
}
