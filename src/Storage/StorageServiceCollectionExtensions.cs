using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the storage options, the runtime that opens and migrates storage as the host starts, and the gateway it opens.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<StorageRuntime>();
        builder.Services.AddHostedService<StorageStartupService>();
        builder.Services.AddSingleton<IClickHouseGateway, RuntimeGateway>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<StorageRuntime>().Dialect);
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
