using Analytics.Api.Dashboards;
using Analytics.Api.Hosting;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Apis;

/// <summary>
/// GraphiQL at <c>/graphql</c> for a browser that asks for HTML (a person opening the URL); tools asking for JSON get
/// GraphQL as before. The page is <c>dashboards/web/graphiql/index.html</c>; GraphiQL and React come from npm through
/// scripts/setup.sh (<c>vendor/</c>), and the page signs in with a key kept for the tab, as the dashboards do. The page
/// itself needs no key: it holds nothing but code, and every query it sends carries the key.
/// </summary>
public static class GraphiQLPage
{
    /// <summary>
    /// The UI's policy, but for fonts GraphiQL's stylesheet carries inline (<c>data:</c> URLs): a font cannot run code.
    /// Still no inline script: GraphiQL starts from a script file of its own.
    /// </summary>
    public static readonly string ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy.Replace("font-src 'self'", "font-src 'self' data:", StringComparison.Ordinal);

    public static WebApplication UseGraphiQLPage(this WebApplication app)
    {
        var folder = DashboardOptions.Resolve(app.Configuration[$"{DashboardOptions.Section}:Path"], app.Environment.ContentRootPath);
        var page = Path.Combine(folder, "web", "graphiql", "index.html");
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.Equals("/graphql", StringComparison.Ordinal) && HttpMethods.IsGet(http.Request.Method)
                && PrefersHtml(http.Request) && File.Exists(page))
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(page, http.RequestAborted);
                return;
            }

            await next(http);
        });
        return app;
    }

    // A browser's navigation lists text/html first; fetch() and GraphQL clients list JSON types or */*.
    private static bool PrefersHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } first
        && first.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
        && (first.Quality ?? 1) > 0;
}
