using Microsoft.AspNetCore.Authorization;

namespace Analytics.Api.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// API-key authentication (configured keys, and the keys admins manage, kept current on every node) and one
    /// authorization policy per role (<see cref="Roles"/>). Call after AddStorage: the keys load right after storage opens.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<Keys.ManagedApiKeys>();
        builder.Services.AddHostedService<Keys.ApiKeyRefresher>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddRolePolicies();
        return builder;
    }

    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(Roles.Satisfying(role)));
        }

        return authorization;
    }
}
