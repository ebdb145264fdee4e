namespace Analytics.Api.Hosting;

/// <summary>
/// Headers that keep the UI from being turned against its users (the hardening issue's finding 8): a Content Security
/// Policy that runs only the UI's own scripts and styles and talks only to this server (no inline script, no framing),
/// no MIME sniffing, no framing by any page, and no referrer sent anywhere. Every answer carries them: the API's JSON
/// and CSV too, so a response opened on its own cannot be framed or sniffed into HTML either.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy. Scripts may set styles through the DOM (Chart.js sizes its canvas, the grid sets a span), which CSP allows.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        return app;
    }
}
