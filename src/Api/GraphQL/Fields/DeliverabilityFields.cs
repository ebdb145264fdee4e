using Analytics.Api.Auth;
using Analytics.Metrics.Campaigns;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>What happened to each campaign's emails: delivered, bounced, spam reports, unsubscribes and their rates.</summary>
internal static class DeliverabilityFields
{
    public static AnalyticsQuery AddDeliverabilityFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignDeliverabilityType>>>>("deliverability")
            .Description("Per campaign, what happened to its emails in the window (SendGrid's events, whatever their account), most delivered first. Delivery reports are counted here only: they reach and score no account.")
            .WindowArguments()
            .Argument<StringGraphType>("campaign", "Only this campaign; all when absent.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<DeliverabilityQuery>().RunAsync(
                new DeliverabilityRequest(c.Window(), c.GetArgument<string?>("campaign")), ct)));
        return query;
    }
}

public sealed class CampaignDeliverabilityType : ObjectGraphType<CampaignDeliverability>
{
    public CampaignDeliverabilityType()
    {
        Name = "CampaignDeliverability";
        Description = "One campaign's emails in the window: counts of events, and rates over the emails delivered.";
        Field<StringGraphType>("campaign").Description("The campaign; null for emails without one.").Resolve(c => c.Source.Campaign);
        Field<NonNullGraphType<IntGraphType>>("delivered").Description("Emails the receiving server accepted (delivered events).").Resolve(c => checked((int)c.Source.Delivered));
        Field<NonNullGraphType<IntGraphType>>("bounced").Description("Emails the receiving server refused: bounces, blocks included.").Resolve(c => checked((int)c.Source.Bounced));
        Field<NonNullGraphType<IntGraphType>>("dropped").Description("Emails not sent at all (an earlier bounce, unsubscribe or spam report, an invalid address).").Resolve(c => checked((int)c.Source.Dropped));
        Field<NonNullGraphType<IntGraphType>>("spamReports").Description("Spam reports.").Resolve(c => checked((int)c.Source.SpamReports));
        Field<NonNullGraphType<IntGraphType>>("unsubscribes").Description("Unsubscribes, from all mail or from a group.").Resolve(c => checked((int)c.Source.Unsubscribes));
        Field<NonNullGraphType<IntGraphType>>("opens").Description("Opens by a person (events; machine opens left out).").Resolve(c => checked((int)c.Source.Opens));
        Field<NonNullGraphType<IntGraphType>>("machineOpens").Description("Opens SendGrid marks as a machine's (Apple Mail Privacy Protection and the like).").Resolve(c => checked((int)c.Source.MachineOpens));
        Field<NonNullGraphType<IntGraphType>>("clicks").Description("Clicks (events).").Resolve(c => checked((int)c.Source.Clicks));
        Field<FloatGraphType>("bounceRate").Description("bounced ÷ (delivered + bounced); null when both are 0.").Resolve(c => c.Source.BounceRate);
        Field<FloatGraphType>("spamReportRate").Description("spamReports ÷ delivered; null when nothing was delivered.").Resolve(c => c.Source.SpamReportRate);
        Field<FloatGraphType>("unsubscribeRate").Description("unsubscribes ÷ delivered; null when nothing was delivered.").Resolve(c => c.Source.UnsubscribeRate);
        Field<FloatGraphType>("openRate").Description("opens ÷ delivered; null when nothing was delivered.").Resolve(c => c.Source.OpenRate);
    }
}
