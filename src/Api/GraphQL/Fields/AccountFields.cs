using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Accounts;
using Analytics.Metrics.EngagedAccounts;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>What sales works from: engaged and surging accounts, and one account's timeline (sales role: they name accounts).</summary>
internal static class AccountFields
{
    public static AnalyticsQuery AddAccountFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<EngagedAccountConnectionType>>("engagedAccounts").Description("Engaged accounts by score, highest first, with their surge (sales role).")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "Only accounts on this target list.")
            .Argument<IntGraphType>("first", $"Accounts per page, 0 to {EngagedAccountsQuery.MaxPageSize}; default 50.")
            .Argument<StringGraphType>("after", "The cursor after which the page starts.")
            .Argument<StringGraphType>("tier", "Only accounts of this tier.").Argument<StringGraphType>("owner", "Only accounts of this owner.")
            .Argument<FloatGraphType>("minScore", "Only accounts with at least this score; default the model's threshold.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<EngagedAccountsQuery>().RunAsync(new EngagedAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"),
                c.GetArgument<double?>("minScore"), c.GetArgument("first", 50),
                c.GetArgument<string?>("after") is { } after ? EngagedAccountCursor.Decode(after) : null), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagedAccountType>>>>("surgingAccounts")
            .Description("Engaged accounts whose last 7 days of the window reached minSurge times their usual week, strongest surge first (sales role).")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "Only accounts on this target list.")
            .Argument<IntGraphType>("first", $"Accounts to list, 0 to {SurgingAccountsQuery.MaxFirst}; default 10.")
            .Argument<FloatGraphType>("minSurge", "The least surge listed; default 1.5 (half again their usual week).")
            .Argument<StringGraphType>("tier", "Only accounts of this tier.").Argument<StringGraphType>("owner", "Only accounts of this owner.")
            .Argument<FloatGraphType>("minScore", "Only accounts with at least this score; default the model's threshold.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<SurgingAccountsQuery>().RunAsync(new SurgingAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument("first", 10), c.GetArgument("minSurge", 1.5),
                c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"), c.GetArgument<double?>("minScore")), ct)));

        query.Field<AccountType>("account").Description("One account with its timeline in the window; null when nothing is known of it (sales role).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The account's id.")
            .WindowArguments()
            .Argument<IntGraphType>("maxEvents", $"Most events to return, newest first, up to {AccountTimelineQuery.MaxEvents}; default 100.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<AccountTimelineQuery>().RunAsync(
                new AccountTimelineRequest(c.GetArgument<string>("id"), c.Window(), c.GetArgument("maxEvents", 100)), ct)));
        return query;
    }
}
