using Analytics.Ingestion;
using Analytics.Ingestion.Accepting;
using Analytics.Ingestion.Csv;
using Analytics.Ingestion.Spool;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class IngestionApi
{
    /// <summary>
    /// The ingestion endpoints of CONTRACT.md, for keys with the <c>ingest</c> role: Segment's tracking API, SendGrid's
    /// event webhook, and CSV import. Each answers once what it accepted is on disk.
    /// </summary>
    public static RouteGroupBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireAuthorization(Auth.Roles.Ingest);
        group.MapPost("/batch", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
            AcceptAsync(options.Value.MaxBatchBytes, request, ct, body => intake.AcceptSegmentBatchAsync(body, ct), SegmentAnswer));
        foreach (var type in new[] { "track", "page", "identify", "group" })
        {
            group.MapPost($"/{type}", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
                AcceptAsync(options.Value.MaxEventBytes, request, ct, body => intake.AcceptSegmentCallAsync(type, body, ct), SegmentAnswer));
        }

        group.MapPost("/webhooks/sendgrid", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
            AcceptAsync(options.Value.MaxBatchBytes, request, ct, body => intake.AcceptSendGridAsync(body, ct), SegmentAnswer));
        group.MapPost("/import/{kind}", ImportCsvAsync);
        return group;
    }

    internal static object SegmentAnswer(IntakeResult result) => new
    {
        success = true,
        accepted = result.Accepted,
        rejected = result.Rejected.Select(r => new { index = r.Location, message = r.Message }),
    };

    internal static async Task<IResult> AcceptAsync(
        int limit, HttpRequest request, CancellationToken ct, Func<ReadOnlyMemory<byte>, Task<IntakeResult>> accept, Func<IntakeResult, object> answer)
    {
        try
        {
            var body = await RequestBody.ReadAsync(request, limit, ct);
            return TypedResults.Ok(answer(await accept(body)));
        }
        catch (Exception e) when (Refusal(e, request.HttpContext) is { } refusal)
        {
            return refusal;
        }
    }

    private static async Task<IResult> ImportCsvAsync(
        string kind, HttpRequest request, CsvIntake intake, IOptions<IngestionOptions> options, CancellationToken ct)
    {
        if (!CsvKinds.TryParse(kind, out var csvKind))
        {
            return TypedResults.NotFound(new { message = $"'{kind}' is not an import kind; kinds are {string.Join(", ", Enum.GetValues<CsvKind>().Select(CsvKinds.NameOf))}" });
        }

        if (request.ContentLength > options.Value.MaxCsvBytes)
        {
            return Refusal(new BodyTooLargeException(options.Value.MaxCsvBytes), request.HttpContext)!;
        }

        try
        {
            await using var body = RequestBody.Decoded(request);
            var result = await intake.AcceptAsync(csvKind, body, ct);
            return TypedResults.Ok(new
            {
                accepted = result.Accepted,
                rejected = result.Rejected.Count,
                errors = result.Rejected.Select(r => new { line = r.Location, message = r.Message }),
            });
        }
        catch (CsvImportException e)
        {
            return TypedResults.BadRequest(new { line = e.Line, message = e.Message });
        }
        catch (Exception e) when (Refusal(e, request.HttpContext) is { } refusal)
        {
            return refusal;
        }
    }

    /// <summary>400 for malformed input, 413 over a limit, 503 with Retry-After when the spool is full.</summary>
    private static IResult? Refusal(Exception e, HttpContext context) => e switch
    {
        MalformedRequestException m => TypedResults.BadRequest(new { success = false, message = m.Message }),
        BodyTooLargeException t => TypedResults.Json(new { success = false, message = t.Message }, statusCode: StatusCodes.Status413PayloadTooLarge),
        SpoolFullException full => RetryLater(full, context),
        _ => null,
    };

    private static JsonHttpResult<object> RetryLater(SpoolFullException full, HttpContext context)
    {
        var seconds = context.RequestServices.GetRequiredService<IOptions<SpoolOptions>>().Value.RetryAfterSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json<object>(new { success = false, message = full.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
