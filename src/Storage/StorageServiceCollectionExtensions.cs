using Analytics.Storage.Fairness;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Configuration;
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
        if ((builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()) is { KeepThreadsForRequests: true } storage)
        {
            KeepThreadsForRequests(storage);
        }

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddSingleton<StorageRuntime>();
        builder.Services.AddHostedService<StorageStartupService>();
        builder.Services.AddSingleton(sp => new FairQuerySlots(sp.GetRequiredService<IOptions<StorageOptions>>().Value.QuerySlots));
        builder.Services.AddSingleton<ResultCache>();
        builder.Services.AddSingleton<IClickHouseGateway, RuntimeGateway>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<StorageRuntime>().Dialect);
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    /// <summary>
    /// TRICKY: each embedded statement holds a pool thread for as long as the engine works on it (a native call), and
    /// the pool starts with a thread per processor, adding about two a second when they are all held. Two long statements
    /// on two processors then starve request handling: answers kept in memory waited 1-4 s under a flood (bench/RESULTS.md).
    /// So the pool keeps a thread for every connection the engine may run at once, and the processors' worth besides.
    /// </summary>
    private static void KeepThreadsForRequests(StorageOptions options)
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, options.EmbeddedConnections + (2 * Environment.ProcessorCount)), completions);
    }
}
