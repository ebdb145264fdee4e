using System.Security.Claims;

namespace Analytics.Api.Apis;

public static class IdentityApi
{
    /// <summary><c>GET /v1/me</c>: the presented key's name and roles, so a client can check a key before using it.</summary>
    public static RouteGroupBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1");
        group.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            name = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
        })).RequireAuthorization();
        return group;
    }
}
