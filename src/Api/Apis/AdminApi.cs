using Analytics.Storage;

namespace Analytics.Api.Apis;

public static class AdminApi
{
    /// <summary><c>GET /v1/admin/storage</c> (admin): the storage backend and the rows and bytes of each table.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin").RequireAuthorization(Auth.Roles.Admin);
        group.MapGet("/storage", async (IClickHouseGateway gateway, CancellationToken cancellationToken) =>
        {
            var tables = await StorageStats.ReadAsync(gateway, cancellationToken);
            return TypedResults.Ok(new { backend = gateway.Backend.ToString().ToLowerInvariant(), database = gateway.Database, tables });
        });
        return group;
    }
}
