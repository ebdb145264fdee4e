using Analytics.Storage.Fairness;
using Analytics.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Analytics.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage options, the runtime that opens storage and applies the migrations of <paramref name="schema"/>
    /// as the host starts, the gateway it opens, and the schema itself.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder, SchemaCatalog schema)
    {
        builder.Services.AddSingleton(schema);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<StorageRuntime>();
        builder.Services.AddHostedService<StorageStartupService>();
        builder.Services.AddSingleton(sp => new FairQuerySlots(sp.GetRequiredService<IOptions<StorageOptions>>().Value.QuerySlots));
        builder.Services.AddSingleton<IClickHouseGateway, RuntimeGateway>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<StorageRuntime>().Dialect);
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
