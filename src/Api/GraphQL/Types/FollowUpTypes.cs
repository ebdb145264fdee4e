using Analytics.Reports.FollowUps;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class FollowUpStatusType() : DescribedEnumType<FollowUpStatus>("FollowUpStatus", "Where a follow-up stands; it only moves forward.", new Dictionary<FollowUpStatus, string>
{
    [FollowUpStatus.Open] = "Nobody has reached the customer yet.",
    [FollowUpStatus.Contacted] = "Someone reached the customer.",
    [FollowUpStatus.Resolved] = "The customer's concern was dealt with.",
});

public sealed class FollowUpType : ObjectGraphType<FollowUp>
{
    public FollowUpType()
    {
        Name = "FollowUp";
        Description = "A detractor answer (NPS 0–6, CSAT 1–2) to follow up, one per response, for the account's owner.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The follow-up's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("responseId").Description("The survey response's id.").Resolve(c => c.Source.ResponseId);
        Field<IdGraphType>("accountId").Description("The answering account; null when unknown.").Resolve(c => c.Source.AccountId);
        Field<StringGraphType>("accountName").Description("The account's name; null when unknown.").Resolve(c => c.Source.AccountName);
        Field<StringGraphType>("owner").Description("The account's owner now; null when the account or its owner is unknown.").Resolve(c => c.Source.Owner);
        Field<NonNullGraphType<IntGraphType>>("score").Description("The answer's score.").Resolve(c => c.Source.Score);
        Field<StringGraphType>("comment").Description("The answer's comment; null when none.").Resolve(c => c.Source.Comment);
        Field<NonNullGraphType<StringGraphType>>("survey").Description("nps or csat.").Resolve(c => c.Source.Survey);
        Field<NonNullGraphType<StringGraphType>>("respondedAt").Description("When the answer was given (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.RespondedAt));
        Field<NonNullGraphType<FollowUpStatusType>>("status").Description("Where it stands.").Resolve(c => c.Source.Status);
        Field<StringGraphType>("note").Description("The latest note given with a change; null when none.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<StringGraphType>>("updatedAt").Description("Its latest change, else when it was opened (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.UpdatedAt));
        Field<StringGraphType>("contactedAt").Description("When it first left OPEN; null while open.").Resolve(c => c.Source.ContactedAt is { } t ? AccountType.Iso(t) : null);
        Field<StringGraphType>("resolvedAt").Description("When it was resolved; null until then.").Resolve(c => c.Source.ResolvedAt is { } t ? AccountType.Iso(t) : null);
    }
}

public sealed class ClosedLoopType : ObjectGraphType<ClosedLoop>
{
    public ClosedLoopType()
    {
        Name = "ClosedLoop";
        Description = "How the loop was closed with the detractors who answered in [from, to).";
        Field<NonNullGraphType<IntGraphType>>("detractors").Description("Follow-ups of answers given in the window.").Resolve(c => c.Source.Detractors);
        Field<NonNullGraphType<IntGraphType>>("contacted").Description("Those that reached CONTACTED or RESOLVED.").Resolve(c => c.Source.Contacted);
        Field<NonNullGraphType<IntGraphType>>("contactedWithin48Hours").Description("Those first contacted within 48 hours of the answer.").Resolve(c => c.Source.ContactedWithin48Hours);
        Field<FloatGraphType>("contactedWithin48HoursShare").Description("contactedWithin48Hours ÷ detractors, 0 to 1; null without detractors.").Resolve(c => c.Source.ContactedWithin48HoursShare);
        Field<NonNullGraphType<IntGraphType>>("resolved").Description("Those RESOLVED.").Resolve(c => c.Source.Resolved);
        Field<FloatGraphType>("medianHoursToContact").Description("Median hours from answer to first contact (mean of the two middle values for an even count); null when none was contacted.").Resolve(c => c.Source.MedianHoursToContact);
    }
}
