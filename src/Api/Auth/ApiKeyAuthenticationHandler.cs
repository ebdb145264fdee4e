using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>, and Basic auth with the key as the user name (Segment's
/// <c>base64("&lt;key&gt;:")</c>) or as the password (<c>base64("sendgrid:&lt;key&gt;")</c>).
/// A missing or unknown key is challenged with 401; a known key without the role is forbidden with 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that holds the key's id (a managed key's, or <c>config:NAME</c>).</summary>
    public const string KeyIdClaim = "analytics:key_id";

    /// <summary>The id of the API key a request was authenticated with; null for the server's own principal (reports).</summary>
    public static string? KeyIdOf(ClaimsPrincipal? user) => user?.FindFirst(KeyIdClaim)?.Value;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        IReadOnlyList<string>? presented = header.Scheme.ToLowerInvariant() switch
        {
            "bearer" => [header.Parameter],
            "basic" => KeysFromBasic(header.Parameter),
            _ => null,
        };
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unsupported authorization scheme; use Bearer <key>."));
        }

        if (presented.Select(keys.Find).FirstOrDefault(k => k is not null) is not { } found)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        keys.RecordUse(found.Id, clock.GetUtcNow().UtcDateTime);
        var claims = new List<Claim> { new(ClaimTypes.Name, found.Name), new(KeyIdClaim, found.Id) };
        claims.AddRange(found.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new { error = "A valid API key is required: Authorization: Bearer <key>." });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new { error = "This API key does not have the role this needs." });
    }

    /// <summary>
    /// The keys Basic auth may carry: the password, then the user name. Segment sends its write key as the user with an
    /// empty password (<c>KEY:</c>); webhook URLs with credentials, as SendGrid's are written, carry it as the password
    /// (<c>sendgrid:KEY</c>). Empty when neither is given or the value is not base64.
    /// </summary>
    private static IReadOnlyList<string> KeysFromBasic(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':');
            var (user, password) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
            return new[] { password, user }.Where(k => k.Length > 0).ToList();
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
