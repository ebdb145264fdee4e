using Analytics.Reports.Runs;

namespace Analytics.Api.Apis;

public static class ReportsApi
{
    /// <summary>The path of a run's PDF, as <c>pdfUrl</c> gives it.</summary>
    public static string PdfPath(string runId) => $"/v1/reports/runs/{Uri.EscapeDataString(runId)}/pdf";

    /// <summary>
    /// <c>GET /v1/reports/runs/{id}/pdf</c> (sales): the run's PDF, from the run history, whichever server made it. Sales,
    /// because the reports name accounts and quote detractors, which GraphQL shows only to sales.
    /// </summary>
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reports").RequireAuthorization(Auth.Roles.Sales);
        group.MapGet("/runs/{id}/pdf", async Task<IResult> (string id, ReportRunStore runs, CancellationToken cancellationToken) =>
            await runs.ReadFileAsync(id, cancellationToken) is { } file
                ? TypedResults.File(file.Content, "application/pdf", file.FileName)
                : TypedResults.NotFound(new { error = $"Run '{id}' has no PDF (unknown run, or not rendered)." }));
        return group;
    }
}
