using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Reports.FollowUps;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>The closed loop: its options, store, queries, the owners' prompts and the background worker.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpStore>();
        services.AddSingleton<ClosedLoopQuery>();
        services.AddSingleton<FollowUpPrompts>();
        services.AddSingleton<FollowUpWorker>();
        services.AddSingleton<DemoFollowUpHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpWorker>());
        return services;
    }
}
