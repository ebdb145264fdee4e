using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Reports.Alerts;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>Alert rules and their deliveries (admin role): list, save, delete rules; the delivery history.</summary>
internal static class AlertFields
{
    public static AnalyticsQuery AddAlertFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertRuleType>>>>("alertRules")
            .Description("Every alert rule, by name; never a secret or a whole URL (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.Service<AlertRuleStore>().ListAsync(c.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertDeliveryType>>>>("alertDeliveries")
            .Description("Detected alerts, newest first, with their delivery status, last error and every attempt (admin role).")
            .Argument<IntGraphType>("first", $"Alerts to list, 0 to {AlertOutbox.MaxFirst}; default 50.", a => a.DefaultValue = 50)
            .Argument<AlertStatusType>("status", "Only alerts in this status; all when absent.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(async ct =>
            {
                var outbox = c.Service<AlertOutbox>();
                var alerts = await outbox.ListAsync(c.GetArgument<AlertStatus?>("status"), c.GetArgument("first", 50), ct);
                var history = await outbox.AttemptsAsync(alerts.Select(a => a.Key).ToList(), ct);
                var names = (await c.Service<AlertRuleStore>().ListAsync(ct)).ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
                return alerts.Select(a => new AlertDeliveryView(a, names.GetValueOrDefault(a.RuleId), history[a.Key].ToList())).ToList();
            }));
        return query;
    }

    public static AnalyticsMutation AddAlertFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<AlertRuleType>>("saveAlertRule")
            .Description("Creates an alert rule (no id) or replaces one (admin role). A Slack or webhook URL reaching a loopback, private or link-local address is refused unless Alerts:AllowPrivateAddresses.")
            .Argument<IdGraphType>("id", "The rule to replace; absent to create one.")
            .Argument<NonNullGraphType<StringGraphType>>("name", $"A name, 1 to {AlertRuleStore.MaxNameLength} characters, shown in every alert.")
            .Argument<NonNullGraphType<AlertKindType>>("kind", "What to watch for.")
            .Argument<FloatGraphType>("factor", "SURGE: the surge to reach, above 0 (2 = twice the account's usual week).")
            .Argument<StringGraphType>("stage", "STAGE_ENTERED: AWARE, ENGAGED, OPPORTUNITY or CUSTOMER.")
            .Argument<StringGraphType>("list", "LIST_JOINED: the name of a rule target list.")
            .Argument<NonNullGraphType<AlertChannelType>>("channel", "Where its alerts go.")
            .Argument<StringGraphType>("url", "SLACK, WEBHOOK: the http(s) URL to post to; on a replaced rule of the same channel, absent keeps the stored one.")
            .Argument<StringGraphType>("address", "EMAIL: the address to send to; on a replaced rule, absent keeps the stored one.")
            .Argument<StringGraphType>("secret", "WEBHOOK: the signing secret, at least 16 characters; on a replaced rule, absent keeps the stored one. Never shown again.")
            .Argument<BooleanGraphType>("enabled", "Whether it is checked; default true.", a => a.DefaultValue = true)
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c =>
            {
                var channel = c.GetArgument<AlertChannel>("channel");
                return await Refusing(() => c.Service<AlertRuleStore>().SaveAsync(new AlertRuleInput(
                    c.GetArgument<string?>("id"), c.GetArgument<string>("name"), c.GetArgument<AlertKind>("kind"),
                    new AlertParameters(c.GetArgument<double?>("factor"), c.GetArgument<string?>("stage"), c.GetArgument<string?>("list")),
                    channel, c.GetArgument<string?>(channel == AlertChannel.Email ? "address" : "url"), c.GetArgument<string?>("secret"),
                    c.GetArgument("enabled", true)), c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<AlertRuleType>>("deleteAlertRule")
            .Description("Deletes an alert rule; its alerts not yet delivered are not sent (admin role). Returns the rule as it was.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The rule's id.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await Refusing(() => c.Service<AlertRuleStore>().DeleteAsync(c.GetArgument<string>("id"), c.CancellationToken)));
        return mutation;
    }

    private static async Task<T> Refusing<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (AlertRuleException e)
        {
            throw new ExecutionError(e.Message) { Code = MetricResolvers.InvalidArgument };
        }
    }
}
