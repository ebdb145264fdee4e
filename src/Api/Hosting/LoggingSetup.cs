using Serilog;
using Serilog.Formatting.Compact;

namespace Analytics.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog for everything the host logs: a readable console by default, one JSON object per line (CLEF) when
    /// <c>Log:Format</c> is <c>json</c>. Levels come from the usual <c>Serilog:MinimumLevel</c> configuration.
    /// </summary>
    public static IHostApplicationBuilder AddStructuredLogging(this IHostApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["Log:Format"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", Serilog.Events.LogEventLevel.Error)
                .Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
            }
        });
        return builder;
    }
}
