using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Accounts;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using GraphQL;
using GraphQL.Builders;
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
            .IntentArguments()
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<EngagedAccountsQuery>().RunAsync(new EngagedAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"),
                c.GetArgument<double?>("minScore"), c.GetArgument("first", 50),
                c.GetArgument<string?>("after") is { } after ? EngagedAccountCursor.Decode(after) : null, c.Intent()), ct)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EngagedAccountType>>>>("surgingAccounts")
            .Description("Engaged accounts whose last 7 days of the window reached minSurge times their usual week, strongest surge first (sales role).")
            .WindowArguments()
            .Argument<StringGraphType>("targetList", "Only accounts on this target list.")
            .Argument<IntGraphType>("first", $"Accounts to list, 0 to {SurgingAccountsQuery.MaxFirst}; default 10.")
            .Argument<FloatGraphType>("minSurge", "The least surge listed; default 1.5 (half again their usual week).")
            .Argument<StringGraphType>("tier", "Only accounts of this tier.").Argument<StringGraphType>("owner", "Only accounts of this owner.")
            .Argument<FloatGraphType>("minScore", "Only accounts with at least this score; default the model's threshold.")
            .IntentArguments()
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<SurgingAccountsQuery>().RunAsync(new SurgingAccountsRequest(
                c.Window(), c.GetArgument<string?>("targetList"), c.GetArgument("first", 10), c.GetArgument("minSurge", 1.5),
                c.GetArgument<string?>("tier"), c.GetArgument<string?>("owner"), c.GetArgument<double?>("minScore"), c.Intent()), ct)));

        query.Field<AccountType>("account").Description("One account with its timeline in the window; null when nothing is known of it (sales role).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The account's id.")
            .WindowArguments()
            .Argument<IntGraphType>("maxEvents", $"Most events to return, newest first, up to {AccountTimelineQuery.MaxEvents}; default 100.")
            .AuthorizeWithPolicy(Roles.Sales)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<AccountTimelineQuery>().RunAsync(
                new AccountTimelineRequest(c.GetArgument<string>("id"), c.Window(), c.GetArgument("maxEvents", 100)), ct)));
        return query;
    }

    private static FieldBuilder<object?, T> IntentArguments<T>(this FieldBuilder<object?, T> field) => field
        .Argument<StringGraphType>("intentTopic",
            $"Only accounts that show intent for this topic (any case): a score of at least minIntentScore in one of the {IntentFilter.Weeks} weeks whose Monday lies in the 28 days before 'to'.")
        .Argument<IntGraphType>("minIntentScore", $"With intentTopic: the least score, 0 to {IntentFilter.MaxScore}; default 0 (any score recorded).");

    // The arguments' errors surface as the metric's (argument errors): resolved inside RunAsync.
    private static IntentFilter? Intent(this IResolveFieldContext context) =>
        IntentFilter.Of(context.GetArgument<string?>("intentTopic"), context.GetArgument<int?>("minIntentScore"));
}
