using System.Globalization;
using Analytics.Metrics.Opportunities;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class NewOpportunitiesType : ObjectGraphType<NewOpportunities>
{
    public NewOpportunitiesType()
    {
        Name = "NewOpportunities";
        Description = "Opportunities created in [from, to): how many, their total amount and the largest.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Opportunities created in the window.").Resolve(c => checked((int)c.Source.TotalCount));
        Field<FloatGraphType>("totalAmount").Description("Their summed amount; null when none has an amount.").Resolve(c => (double?)c.Source.TotalAmount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NewOpportunityType>>>>("opportunities")
            .Description("The first ones by amount, largest first (unknown amounts last), then oldest first.").Resolve(c => c.Source.Opportunities);
    }
}

public sealed class NewOpportunityType : ObjectGraphType<NewOpportunity>
{
    public NewOpportunityType()
    {
        Name = "NewOpportunity";
        Description = "An opportunity created in the window, as it stands now.";
        Field<NonNullGraphType<IdGraphType>>("opportunityId").Description("The opportunity's id.").Resolve(c => c.Source.OpportunityId);
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("Its account's id.").Resolve(c => c.Source.AccountId);
        Field<StringGraphType>("accountName").Description("Its account's name; null when the account is unknown.").Resolve(c => c.Source.AccountName);
        Field<StringGraphType>("owner").Description("Its account's owner; null when unknown.").Resolve(c => c.Source.Owner);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Description("When it was created (ISO-8601, UTC).")
            .Resolve(c => c.Source.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("status").Description("open, won or lost.").Resolve(c => c.Source.Status);
        Field<StringGraphType>("stage").Description("Its CRM stage; null when not given.").Resolve(c => c.Source.Stage);
        Field<FloatGraphType>("amount").Description("Its amount; null when not given.").Resolve(c => (double?)c.Source.Amount);
        Field<StringGraphType>("type").Description("Its type (new business, renewal, …); null when not given.").Resolve(c => c.Source.Type);
    }
}
