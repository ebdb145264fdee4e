using System.Security.Claims;
using Analytics.Ingestion.Deletion;
using Analytics.Storage;

namespace Analytics.Api.Apis;

public static class AdminApi
{
    /// <summary>
    /// <c>GET /v1/admin/storage</c> (admin): the storage backend and the rows and bytes of each table.
    /// <c>POST /v1/admin/deletions</c> (admin) with <c>{"email": "…"}</c> or <c>{"accountId": "…"}</c>: erases a contact or an
    /// account and answers what was removed; every request is logged in <c>deletion_requests</c>.
    /// </summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin").RequireAuthorization(Auth.Roles.Admin);
        group.MapGet("/storage", async (IClickHouseGateway gateway, CancellationToken cancellationToken) =>
        {
            var tables = await StorageStats.ReadAsync(gateway, cancellationToken);
            return TypedResults.Ok(new { backend = gateway.Backend.ToString().ToLowerInvariant(), database = gateway.Database, tables });
        });
        group.MapPost("/deletions", async (DeletionRequest request, DeletionService deletions, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            DeletionSubject? subject = (request.Email, request.AccountId) switch
            {
                ({ Length: > 0 } email, null or "") => DeletionSubject.Contact(email),
                (null or "", { Length: > 0 } account) => DeletionSubject.Account(account),
                _ => null,
            };
            if (subject is null)
            {
                return Results.BadRequest(new { message = "give exactly one of email or accountId" });
            }

            var report = await deletions.EraseAsync(subject, user.Identity?.Name ?? "unknown", cancellationToken);
            return Results.Ok(new { requestId = report.RequestId, subject = report.Subject.Kind, value = report.Subject.Value, removed = report.Removed });
        });
        return group;
    }
}

/// <summary>The body of <c>POST /v1/admin/deletions</c>.</summary>
public sealed record DeletionRequest(string? Email, string? AccountId);
