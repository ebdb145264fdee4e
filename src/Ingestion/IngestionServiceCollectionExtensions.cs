using Analytics.Ingestion.Accepting;
using Analytics.Ingestion.Spool;
using Analytics.Ingestion.Writing;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>Registers the spool, its writer, the intake of every source, and the ingestion health check.</summary>
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SpoolOptions>().BindConfiguration(SpoolOptions.Section);
        services.AddSingleton(OpenSpool);
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<WriterStatus>();
        services.AddSingleton<EventDeduplicator>();
        services.AddSingleton<Reattribution>();
        services.AddSingleton<RollupWriteGate>();
        services.AddSingleton<BatchProcessor>();
        services.AddSingleton<RollupRepair>();
        services.AddSingleton<Deletion.DeletionService>();
        services.AddSingleton<DuplicateCheck>();
        services.AddSingleton<Intake>();
        services.AddSingleton<JsonIntake>();
        services.AddSingleton<CsvIntake>();
        services.AddSingleton<CsvRowChecks>();
        // The metrics replace it with the names of their rule lists.
        services.TryAddSingleton<IRuleListNames, NoRuleLists>();
        services.AddOptions<Webhooks.SurveyWebhookOptions>().BindConfiguration(Webhooks.SurveyWebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SurveyWebhookIntake>();
        services.AddHostedService<SpoolWriter>();
        services.AddHealthChecks().AddCheck<IngestionHealthCheck>("ingestion");
        return builder;
    }

    private static DurableSpool OpenSpool(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SpoolOptions>>().Value;
        var folder = Path.GetFullPath(options.Path ?? Path.Combine(services.GetRequiredService<IOptions<StorageOptions>>().Value.Path, "spool"));
        try
        {
            var spool = DurableSpool.Open(folder, options, services.GetRequiredService<ILogger<DurableSpool>>());
            services.GetRequiredService<IngestionMetrics>().ObserveSpool(() => spool.PendingBytes);
            return spool;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Name the setting the folder came from: the spool's own, or the data folder it sits in by default.
            var setting = options.Path is null ? "Storage:Path" : "Ingestion:Spool:Path";
            throw new StorageConfigurationException(setting, $"the spool folder '{folder}' is not writable ({e.Message}).", e);
        }
    }
}
