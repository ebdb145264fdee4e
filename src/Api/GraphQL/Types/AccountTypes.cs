using System.Globalization;
using Analytics.Metrics.Accounts;
using Analytics.Metrics.Common;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class AccountType : ObjectGraphType<AccountTimeline>
{
    public AccountType()
    {
        Name = "Account";
        Description = "An account and its timeline in the window: events (newest first), opportunities and survey answers.";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The account's id.").Resolve(c => c.Source.Profile.AccountId);
        Field<StringGraphType>("name").Description("Its name.").Resolve(c => c.Source.Profile.Name);
        Field<StringGraphType>("domain").Description("Its web domain.").Resolve(c => c.Source.Profile.Domain);
        Field<StringGraphType>("industry").Description("Its industry.").Resolve(c => c.Source.Profile.Industry);
        Field<StringGraphType>("country").Description("Its country.").Resolve(c => c.Source.Profile.Country);
        Field<StringGraphType>("tier").Description("Its tier.").Resolve(c => c.Source.Profile.Tier);
        Field<StringGraphType>("owner").Description("Its owner.").Resolve(c => c.Source.Profile.Owner);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEventType>>>>("events").Description("Its newest events in the window, newest first, up to 'maxEvents'.").Resolve(c => c.Source.Events);
        Field<NonNullGraphType<BooleanGraphType>>("moreEvents").Description("Whether older events in the window were left out.").Resolve(c => c.Source.MoreEvents);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineOpportunityType>>>>("opportunities").Description("Its opportunities open at any time in the window.").Resolve(c => c.Source.Opportunities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineAnswerType>>>>("surveyAnswers").Description("Its NPS and CSAT answers in the window.").Resolve(c => c.Source.Answers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountIntentType>>>>("intent")
            .Description("Its third-party intent: each topic with the score of its latest week before 'to', strongest first.")
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<AccountIntentQuery>().RunAsync(
                c.Source.Profile.AccountId, c.Parent!.GetArgument<DateOnly>("to"), ct)));
    }

    internal static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

public sealed class TimelineEventType : ObjectGraphType<TimelineEvent>
{
    public TimelineEventType()
    {
        Name = "TimelineEvent";
        Description = "One engagement event.";
        Field<NonNullGraphType<StringGraphType>>("timestamp").Description("When it happened (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.Timestamp));
        Field<NonNullGraphType<StringGraphType>>("channel").Description("ad, email, web, event or other.").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("type").Description("What happened (impression, click, open, page_view, form_submit, …).").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("campaign").Description("Its campaign; empty when none.").Resolve(c => c.Source.Campaign);
        Field<NonNullGraphType<StringGraphType>>("source").Description("Its source; empty when none.").Resolve(c => c.Source.Source);
        Field<NonNullGraphType<StringGraphType>>("url").Description("Its URL; empty when none.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<StringGraphType>>("contactId").Description("The contact; empty when unknown.").Resolve(c => c.Source.ContactId);
    }
}

public sealed class TimelineOpportunityType : ObjectGraphType<TimelineOpportunity>
{
    public TimelineOpportunityType()
    {
        Name = "TimelineOpportunity";
        Description = "One opportunity of the account.";
        Field<NonNullGraphType<IdGraphType>>("opportunityId").Description("Its id.").Resolve(c => c.Source.OpportunityId);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Description("When it was created (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.CreatedAt));
        Field<StringGraphType>("closedAt").Description("When it closed (ISO-8601, UTC); null while open.").Resolve(c => c.Source.ClosedAt is { } t ? AccountType.Iso(t) : null);
        Field<NonNullGraphType<StringGraphType>>("status").Description("open, won or lost.").Resolve(c => c.Source.Status);
        Field<StringGraphType>("stage").Description("Its stage.").Resolve(c => c.Source.Stage);
        Field<FloatGraphType>("amount").Description("Its amount.").Resolve(c => (double?)c.Source.Amount);
        Field<StringGraphType>("type").Description("Its type.").Resolve(c => c.Source.Type);
    }
}

public sealed class TimelineAnswerType : ObjectGraphType<TimelineAnswer>
{
    public TimelineAnswerType()
    {
        Name = "TimelineAnswer";
        Description = "One survey answer from the account.";
        Field<NonNullGraphType<IdGraphType>>("responseId").Description("Its id.").Resolve(c => c.Source.ResponseId);
        Field<NonNullGraphType<StringGraphType>>("survey").Description("nps or csat.").Resolve(c => c.Source.Survey);
        Field<NonNullGraphType<StringGraphType>>("respondedAt").Description("When it was given (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.RespondedAt));
        Field<NonNullGraphType<IntGraphType>>("score").Description("0–10 for NPS, 1–5 for CSAT.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("comment").Description("The comment; empty when none.").Resolve(c => c.Source.Comment);
        Field<StringGraphType>("segment").Description("The response's segment.").Resolve(c => c.Source.Segment);
    }
}

public sealed class AccountIntentType : ObjectGraphType<AccountIntentTopic>
{
    public AccountIntentType()
    {
        Name = "AccountIntent";
        Description = "An account's intent for one topic, from a provider's intent import.";
        Field<NonNullGraphType<StringGraphType>>("topic").Description("The topic, as the latest import spelled it.").Resolve(c => c.Source.Topic);
        Field<NonNullGraphType<IntGraphType>>("score").Description("The score of the latest week, 0 to 100.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<DateType>>("week").Description("That week's Monday.").Resolve(c => c.Source.Week);
    }
}
