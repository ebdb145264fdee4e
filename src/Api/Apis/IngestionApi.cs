using Analytics.Ingestion;
using Analytics.Ingestion.Accepting;
using Analytics.Ingestion.Csv;
using Analytics.Ingestion.Spool;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class IngestionApi
{
    /// <summary>
    /// The ingestion endpoints of docs/contract.md, for keys with the <c>ingest</c> role: Segment's tracking API, SendGrid's
    /// event webhook, and CSV import. Each answers once what it accepted is on disk; bad input never answers 500.
    /// </summary>
    public static RouteGroupBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireAuthorization(Auth.Roles.Ingest);
        group.MapPost("/batch", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
            AcceptAsync(request, options.Value.MaxBatchBytes, "Ingestion:MaxBatchBytes", body => intake.AcceptSegmentBatchAsync(body, ct), ct));
        foreach (var type in new[] { "track", "page", "identify", "group" })
        {
            group.MapPost($"/{type}", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
                AcceptAsync(request, options.Value.MaxEventBytes, "Ingestion:MaxEventBytes", body => intake.AcceptSegmentCallAsync(type, body, ct), ct));
        }

        group.MapPost("/webhooks/sendgrid", (HttpRequest request, JsonIntake intake, IOptions<IngestionOptions> options, CancellationToken ct) =>
            AcceptAsync(request, options.Value.MaxBatchBytes, "Ingestion:MaxBatchBytes", body => intake.AcceptSendGridAsync(body, ct), ct));
        group.MapPost("/import/{kind}", ImportCsvAsync);
        return group;
    }

    internal static async Task<IResult> AcceptAsync(
        HttpRequest request, int limit, string setting, Func<ReadOnlyMemory<byte>, Task<IntakeTally>> accept, CancellationToken ct)
    {
        try
        {
            var tally = await accept(await RequestBody.ReadAsync(request, limit, setting, ct));
            return TypedResults.Ok(new
            {
                success = true,
                accepted = tally.Accepted,
                rejected = tally.Listed.Select(r => new { index = r.Location, message = r.Message }),
                rejectedCount = tally.Rejected,
                rejectedTruncated = tally.ErrorsTruncated,
                deadLetters = tally.DeadLetters,
                deadLettersTruncated = tally.DeadLettersTruncated,
                note = tally.Note,
                // Last, so answers read as text keep the order they had before it came.
                duplicates = tally.Duplicates,
            });
        }
        catch (Exception e) when (Refusal(e, request.HttpContext, partial: null) is { } refusal)
        {
            return refusal;
        }
    }

    private static async Task<IResult> ImportCsvAsync(
        string kind, HttpRequest request, CsvIntake csvIntake, Intake intake, IOptions<IngestionOptions> options, CancellationToken ct)
    {
        if (!CsvKinds.TryParse(kind, out var csvKind))
        {
            return TypedResults.NotFound(new { message = $"'{kind}' is not an import kind; kinds are {string.Join(", ", Enum.GetValues<CsvKind>().Select(CsvKinds.NameOf))}" });
        }

        // TRICKY: Kestrel's own limit (30,000,000 bytes unless configured) would cut a larger upload off with an empty
        // 413; here the CSV limit, counted on the bytes read whatever the framing, is the one that applies. Kestrel's is
        // lifted, not set to the same number: then, after an early 413, Kestrel reads the rest of the body and the client
        // gets the answer, where a limit would close the connection under a client still sending (a broken pipe).
        var limit = options.Value.MaxCsvBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = null;
        }

        var tally = intake.NewTally();
        try
        {
            // The limit counts the bytes as sent (after gzip), before a charset is decoded to UTF-8.
            await using var body = CsvCharset.AsUtf8(RequestBody.Open(request, limit, "Ingestion:MaxCsvBytes"), request.ContentType);
            await csvIntake.AcceptAsync(csvKind, body, tally, ct);
            return TypedResults.Ok(new
            {
                accepted = tally.Accepted,
                rejected = tally.Rejected,
                errors = tally.Listed.Select(r => new { line = r.Location, message = r.Message }),
                errorsTruncated = tally.ErrorsTruncated,
                deadLetters = tally.DeadLetters,
                deadLettersTruncated = tally.DeadLettersTruncated,
                note = tally.Note,
                // Last, so answers read as text keep the order they had before it came.
                duplicates = tally.Duplicates,
            });
        }
        catch (CsvImportException e)
        {
            return TypedResults.BadRequest(new Dictionary<string, object?>(Partial(tally)) { ["line"] = e.Line, ["message"] = e.Message });
        }
        catch (Exception e) when (Refusal(e, request.HttpContext, tally) is { } refusal)
        {
            return refusal;
        }
    }

    /// <summary>
    /// 400 for a body that cannot be read, 413 over a limit, 415 for an unknown Content-Encoding or CSV charset, 503 with Retry-After
    /// when storage is needed to take the rows (an intent import by domain) and does not answer, or
    /// when the spool is full, Kestrel's status for a request it could not read; null for anything else (a server fault).
    /// </summary>
    private static IResult? Refusal(Exception e, HttpContext context, IntakeTally? partial)
    {
        var status = e switch
        {
            MalformedRequestException => StatusCodes.Status400BadRequest,
            BodyTooLargeException => StatusCodes.Status413PayloadTooLarge,
            UnsupportedContentEncodingException or UnsupportedCharsetException => StatusCodes.Status415UnsupportedMediaType,
            SpoolFullException or StorageUnavailableException => StatusCodes.Status503ServiceUnavailable,
            BadHttpRequestException bad => bad.StatusCode,
            _ => 0,
        };
        if (status == 0)
        {
            return null;
        }

        var body = new Dictionary<string, object?>(Partial(partial)) { ["success"] = false, ["message"] = e.Message };
        if (e is BodyTooLargeException tooLarge)
        {
            body["limit"] = tooLarge.Limit;
        }

        if (e is SpoolFullException or StorageUnavailableException)
        {
            var seconds = context.RequestServices.GetRequiredService<IOptions<SpoolOptions>>().Value.RetryAfterSeconds;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Json(body, statusCode: status);
    }

    /// <summary>What an upload that failed part-way had stored: the chunks before the failure are kept.</summary>
    private static Dictionary<string, object?> Partial(IntakeTally? tally) => tally is null || tally.Accepted + tally.Rejected == 0
        ? []
        : new()
        {
            ["accepted"] = tally.Accepted,
            ["rejected"] = tally.Rejected,
            ["note"] = $"the records before the failure were kept ({tally.Accepted:N0} accepted, {tally.Rejected:N0} refused); re-importing the whole file is safe, as records are keyed by id",
        };
}
