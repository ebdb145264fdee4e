using Analytics.Metrics.EngagedAccounts;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class EngagedAccountConnectionType : ObjectGraphType<EngagedAccountsPage>
{
    public EngagedAccountConnectionType()
    {
        Name = "EngagedAccountConnection";
        Description = "A page of engaged accounts, highest score first.";
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Engaged accounts that pass the filters, on all pages.").Resolve(c => checked((int)c.Source.TotalCount));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagedAccountEdgeType>>>>("edges").Description("The accounts of this page, each with its cursor.").Resolve(c => c.Source.Accounts);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows, and where this one ends.").Resolve(c => c.Source);
    }
}

public sealed class EngagedAccountEdgeType : ObjectGraphType<EngagedAccount>
{
    public EngagedAccountEdgeType()
    {
        Name = "EngagedAccountEdge";
        Description = "One account of a page.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as 'after' to get the accounts that follow this one.").Resolve(c => c.Source.Cursor.Encode());
        Field<NonNullGraphType<EngagedAccountType>>("node").Description("The account.").Resolve(c => c.Source);
    }
}

public sealed class EngagedAccountType : ObjectGraphType<EngagedAccount>
{
    public EngagedAccountType()
    {
        Name = "EngagedAccount";
        Description = "An account whose engagement score in the window reached the threshold.";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The account's id.").Resolve(c => c.Source.AccountId);
        Field<StringGraphType>("name").Description("The account's name; null when unknown.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("tier").Description("The account's tier; null when unknown.").Resolve(c => c.Source.Tier);
        Field<StringGraphType>("owner").Description("The account's owner; null when unknown.").Resolve(c => c.Source.Owner);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Engagement points in the window, priced with the current scoring model.").Resolve(c => c.Source.Score);
        Field<FloatGraphType>("surge").Description("Points in the last 7 days of the window ÷ the mean weekly points of the 4 weeks before; null when it had none then.").Resolve(c => c.Source.Surge);
        Field<NonNullGraphType<FloatGraphType>>("pointsThisWeek").Description("Points in the last 7 days of the window.").Resolve(c => c.Source.ThisWeek);
        Field<NonNullGraphType<FloatGraphType>>("previousWeeklyMean").Description("Mean weekly points over the 4 weeks before the last 7 days.").Resolve(c => c.Source.PreviousWeeklyMean);
        Field<StringGraphType>("lastActivityAt").Description("When its last event in the window happened (ISO-8601, UTC); null when none was recorded.")
            .Resolve(c => c.Source.LastActivityAt?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<IntGraphType>>("openOpportunities").Description("Its opportunities open at the end of the window.").Resolve(c => checked((int)c.Source.OpenOpportunities));
    }
}

public sealed class PageInfoType : ObjectGraphType<EngagedAccountsPage>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page ends.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Whether more accounts follow this page.").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("The cursor of the page's last account; null for an empty page.").Resolve(c => c.Source.Accounts.LastOrDefault()?.Cursor.Encode());
    }
}
