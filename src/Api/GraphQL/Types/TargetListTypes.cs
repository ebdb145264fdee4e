using Analytics.Api.Auth;
using Analytics.Metrics.TargetLists;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class TargetListType : ObjectGraphType<TargetList>
{
    public TargetListType()
    {
        Name = "TargetList";
        Description = "A target list: the name the metrics' targetList argument takes, and its accounts now.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The list's name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("accounts").Description("Accounts on the list now (removed members not counted).")
            .Resolve(c => checked((int)c.Source.Accounts));
        Field<NonNullGraphType<TargetListKindType>>("kind").Description("Whether its members are imported or computed from a rule.").Resolve(c => c.Source.Kind);
        Field<TargetListRuleType>("rule").Description("A rule list's rule; null for an imported list (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .Resolve(c => c.Source.Rule is { } rule ? new SavedRule(rule, c.Source.SavedAt) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListChangeType>>>>("changes")
            .Description("A rule list's latest joins and leaves, newest first; empty for an imported list (admin role).")
            .Argument<IntGraphType>("first", $"Changes to list, 0 to {TargetListChangesQuery.MaxFirst}; default 20.", a => a.DefaultValue = 20)
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => c.Source.Kind == TargetListKind.Rule
                ? await c.RunAsync(ct => c.Service<TargetListChangesQuery>().RunAsync(c.Source.Name, c.GetArgument<int>("first"), ct))
                : []);
    }
}

/// <summary>A rule with the time it was saved, as the API shows it.</summary>
public sealed record SavedRule(TargetListRule Rule, DateTime? SavedAt);

public sealed class TargetListKindType() : DescribedEnumType<TargetListKind>("TargetListKind", "How a target list gets its members.", new Dictionary<TargetListKind, string>
{
    [TargetListKind.Imported] = "Imported: the CSV kind target-accounts adds its members.",
    [TargetListKind.Rule] = "A rule list: its members are the accounts its rule selects, recomputed on a schedule and on save.",
});

public sealed class TargetListRuleType : ObjectGraphType<SavedRule>
{
    public TargetListRuleType()
    {
        Name = "TargetListRule";
        Description = "A rule list's rule: an account is a member when it meets any one of the conditions.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListConditionType>>>>("anyOf").Description("The conditions.").Resolve(c => c.Source.Rule.AnyOf);
        Field<NonNullGraphType<StringGraphType>>("description").Description("The rule in words, e.g. \"tier 1 or 2 and a surge of at least 2×, or intent for 'data warehouse'\".")
            .Resolve(c => c.Source.Rule.Describe());
        Field<StringGraphType>("savedAt").Description("When the rule was last saved (ISO-8601, UTC).").Resolve(c => c.Source.SavedAt is { } t ? AccountType.Iso(t) : null);
    }
}

public sealed class TargetListConditionType : ObjectGraphType<TargetListCondition>
{
    public TargetListConditionType()
    {
        Name = "TargetListCondition";
        Description = "One condition of a rule: the account meets it when it meets every field that is set (null: any).";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tiers").Description("Any of these tiers.").Resolve(c => c.Source.Tiers);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("industries").Description("Any of these industries.").Resolve(c => c.Source.Industries);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("countries").Description("Any of these countries.").Resolve(c => c.Source.Countries);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("owners").Description("Any of these owners.").Resolve(c => c.Source.Owners);
        Field<FloatGraphType>("minScore").Description("The least engagement score over the last scoreWindowDays days.").Resolve(c => c.Source.MinScore);
        Field<IntGraphType>("scoreWindowDays").Description("The days of the score, up to today.").Resolve(c => c.Source.ScoreWindowDays);
        Field<FloatGraphType>("minSurge").Description("The least surge: the last 7 days' points over the mean week of the 28 days before.").Resolve(c => c.Source.MinSurge);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("stages").Description("Any of these journey stages now (TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER).").Resolve(c => c.Source.Stages);
        Field<StringGraphType>("intentTopic").Description("Intent for this topic (any case) in one of the last 4 weeks.").Resolve(c => c.Source.IntentTopic);
        Field<IntGraphType>("minIntentScore").Description("The least intent score for intentTopic.").Resolve(c => c.Source.MinIntentScore);
    }
}

public sealed class TargetListChangeType : ObjectGraphType<TargetListChange>
{
    public TargetListChangeType()
    {
        Name = "TargetListChange";
        Description = "An account that joined or left a rule list.";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The account.").Resolve(c => c.Source.AccountId);
        Field<NonNullGraphType<BooleanGraphType>>("joined").Description("True when it joined, false when it left.").Resolve(c => c.Source.Joined);
        Field<NonNullGraphType<StringGraphType>>("at").Description("When the recompute saw it (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.At));
    }
}

public sealed class TargetListRuleInputType : InputObjectGraphType<TargetListRule>
{
    public TargetListRuleInputType()
    {
        Name = "TargetListRuleInput";
        Description = "A rule list's rule: an account is a member when it meets any one of the conditions.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetListConditionInputType>>>>("anyOf").Description($"The conditions, 1 to {TargetListRule.MaxConditions}.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) =>
        new TargetListRule([.. ((IEnumerable<object?>)value["anyOf"]!).Cast<TargetListCondition>()]);
}

public sealed class TargetListConditionInputType : InputObjectGraphType<TargetListCondition>
{
    public TargetListConditionInputType()
    {
        Name = "TargetListConditionInput";
        Description = "One condition of a rule: the account meets it when it meets every field set here; at least one must be.";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tiers").Description("Any of these tiers (as the accounts spell them).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("industries").Description("Any of these industries.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("countries").Description("Any of these countries.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("owners").Description("Any of these owners.");
        Field<FloatGraphType>("minScore").Description("The least engagement score (the engaged accounts' score) over the last scoreWindowDays days.");
        Field<IntGraphType>("scoreWindowDays").Description($"With minScore: the days of the score, up to today, 1 to {TargetListCondition.MaxScoreWindowDays}; default {TargetListCondition.DefaultScoreWindowDays}.");
        Field<FloatGraphType>("minSurge").Description("The least surge, as the surging accounts define it (2.0: twice its usual week).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("stages").Description("Any of these journey stages now: TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER.");
        Field<StringGraphType>("intentTopic").Description("Intent for this topic (any case): a score of at least minIntentScore in one of the 4 weeks whose Monday lies in the last 28 days.");
        Field<IntGraphType>("minIntentScore").Description("With intentTopic: the least score, 0 to 100; default 0.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        T? Get<T>(string name) => value.TryGetValue(name, out var v) && v is not null ? (T)v : default;
        IReadOnlyList<string>? Strings(string name) => value.TryGetValue(name, out var v) && v is IEnumerable<object?> list ? [.. list.Cast<string>()] : null;
        double? Number(string name) => value.TryGetValue(name, out var v) && v is not null ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new TargetListCondition(
            Strings("tiers"), Strings("industries"), Strings("countries"), Strings("owners"), Number("minScore"), Get<int?>("scoreWindowDays"),
            Number("minSurge"), Strings("stages"), Get<string>("intentTopic"), Get<int?>("minIntentScore"));
    }
}
