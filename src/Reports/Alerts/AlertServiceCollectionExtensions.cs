using Analytics.Reports.FollowUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>Alerts: options, rules, the outbox, one detector per rule kind, the sender, and the detection and delivery workers.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertRuleStore>();
        services.AddSingleton<AlertOutbox>();
        services.AddSingleton<IAlertDetector, SurgeDetector>();
        services.AddSingleton<IAlertDetector, StageEntryDetector>();
        services.AddSingleton<IAlertDetector, FollowUpOpenedDetector>();
        services.AddSingleton<IAlertDetector, ListJoinedDetector>();
        services.AddSingleton(sp => new AlertMessages(new Uri(
            sp.GetRequiredService<IOptions<AlertOptions>>().Value.PublicUrl ?? sp.GetRequiredService<IOptions<FollowUpOptions>>().Value.PublicUrl)));
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertDetection>();
        services.AddSingleton<AlertDelivery>();
        services.AddHostedService<AlertDetectionWorker>();
        services.AddHostedService<AlertDeliveryWorker>();
        return services;
    }
}
