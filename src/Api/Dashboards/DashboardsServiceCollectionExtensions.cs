using Analytics.Reports.Dashboards;
using Microsoft.Extensions.FileProviders;

namespace Analytics.Api.Dashboards;

public static class DashboardsServiceCollectionExtensions
{
    /// <summary>The dashboard catalog (loaded and checked at start-up) and its holder, shared with the PDF report.</summary>
    public static IHostApplicationBuilder AddDashboards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSingleton<DashboardCatalogHolder>();
        builder.Services.AddSingleton<DashboardQueryCheck>();
        builder.Services.AddHostedService<DashboardLoader>();
        return builder;
    }

    /// <summary>
    /// <c>GET /</c>: the web UI, static files of the dashboards folder's <c>web</c> folder (no build step). They need no
    /// key: the UI asks for one and sends it with every API call.
    /// </summary>
    public static WebApplication UseDashboardUi(this WebApplication app)
    {
        var folder = DashboardOptions.Resolve(app.Configuration[$"{DashboardOptions.Section}:Path"], app.Environment.ContentRootPath);
        var web = Path.Combine(folder, "web");
        if (Directory.Exists(web))
        {
            app.UseFileServer(new FileServerOptions { FileProvider = new PhysicalFileProvider(web), EnableDefaultFiles = true });
        }

        return app;
    }
}
