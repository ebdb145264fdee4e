using Analytics.Metrics.Funnel;
using Analytics.Metrics.Journey;
using Analytics.Metrics.TargetLists;
using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.TargetLists;

/// <summary>
/// Rule lists as stories: accounts join and leave as their attributes, engagement, surge, journey stage and intent
/// change, every join and leave is kept, and the funnel and the journey take a rule list as they take an imported one.
/// </summary>
public sealed class RuleListTests
{
    private static Story Accounts() => new Story()
        .Account("acme", "fintech", "1", "DE", "alice").Account("globex", "retail", "2", "US", "bob")
        .Account("initech", "fintech", "3", "US", "alice").Account("umbrella", "fintech", "2", "FR", "carol");

    [Fact]
    public async Task An_account_joins_while_its_engagement_reaches_the_minimum_and_leaves_when_it_fades_with_its_history_kept()
    {
        var story = Accounts().Event("acme", Day(8, 9), "web", "form_submit");
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), story, Day(10, 12));
        var first = Day(10, 12);

        var saved = await world.SaveAsync("hot", new TargetListCondition(MinScore: 10, ScoreWindowDays: 7));
        Assert.Equal(new RecomputeOutcome("hot", 1, 0), saved);
        Assert.Equal(["acme"], await world.MembersAsync("hot"));

        // Nothing changed: a second recompute writes nothing.
        Assert.Equal([new RecomputeOutcome("hot", 0, 0)], await world.Recompute.RecomputeAllAsync(default));

        // A week on: acme's form fill is out of the 7 days; globex filled one on the 14th.
        await new Story().Event("globex", Day(14, 9), "web", "form_submit").LoadAsync(world.Db.Gateway);
        world.Clock.SetUtcNow(Day(16, 12));
        Assert.Equal([new RecomputeOutcome("hot", 1, 1)], await world.Recompute.RecomputeAllAsync(default));

        Assert.Equal(["globex"], await world.MembersAsync("hot"));
        Assert.Equal([("acme", first, (DateTime?)Day(16, 12)), ("globex", Day(16, 12), null)], await world.MemberRowsAsync("hot"));
        Assert.Equal(
            [new TargetListChange("acme", false, Day(16, 12)), new TargetListChange("globex", true, Day(16, 12)), new TargetListChange("acme", true, first)],
            await new TargetListChangesQuery(world.Db.Gateway).RunAsync("hot", 10, default));
        Assert.Equal(
            [new TargetList("hot", 1, TargetListKind.Rule, new TargetListRule([new TargetListCondition(MinScore: 10, ScoreWindowDays: 7)]), first)],
            await new TargetListsQuery(world.Db.Gateway, world.Rules).RunAsync(default), new RuleListComparer());
    }

    [Fact]
    public async Task Attributes_and_intent_any_of_two_conditions_and_an_intent_import_adds_a_member()
    {
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), Accounts(), Day(10, 12));

        await world.SaveAsync("fintech or dw",
            new TargetListCondition(Tiers: ["1", "2"], Industries: ["fintech"]),
            new TargetListCondition(IntentTopic: "Data Warehouse", MinIntentScore: 50));
        Assert.Equal(["acme", "umbrella"], await world.MembersAsync("fintech or dw"));

        // The provider's next file: globex researches data warehouses this week, initech too little.
        await new Story().Intends("globex", "data warehouse", 70, Date(9)).Intends("initech", "Data Warehouse", 40, Date(9)).LoadAsync(world.Db.Gateway);
        await world.Recompute.RecomputeAllAsync(default);
        Assert.Equal(["acme", "globex", "umbrella"], await world.MembersAsync("fintech or dw"));

        // Five weeks on, the intent is older than 4 weeks: globex leaves.
        world.Clock.SetUtcNow(Day(10, 12).AddDays(35));
        await world.Recompute.RecomputeAllAsync(default);
        Assert.Equal(["acme", "umbrella"], await world.MembersAsync("fintech or dw"));
    }

    [Theory]
    [InlineData("countries", new[] { "acme", "umbrella" })]
    [InlineData("owners", new[] { "acme", "initech" })]
    public async Task Countries_and_owners_match_any_of_their_values(string field, string[] expected)
    {
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), Accounts(), Day(10, 12));

        await world.SaveAsync("l", field == "countries" ? new TargetListCondition(Countries: ["DE", "FR"]) : new TargetListCondition(Owners: ["alice"]));

        Assert.Equal(expected, await world.MembersAsync("l"));
    }

    /// <summary>
    /// acme read 2 pages a day for the four weeks before this one and 5 forms' worth this week (a surge over 2); globex
    /// is steady (surge 1); initech has an open opportunity since the 5th (OPPORTUNITY now); umbrella won one (CUSTOMER).
    /// </summary>
    [Fact]
    public async Task Surge_and_journey_stage_now()
    {
        var story = Accounts()
            .Opportunity("o-ini", "initech", Day(5, 10), null, "open", 100m)
            .Opportunity("o-umb", "umbrella", Day(2, 10), Day(6, 10), "won", 100m);
        for (var day = -25; day <= 9; day++)
        {
            story.PageViews("acme", Day(10).AddDays(day), 2).PageViews("globex", Day(10).AddDays(day), 2);
        }

        story.Event("acme", Day(9, 15), "web", "form_submit").Event("acme", Day(10, 8), "web", "form_submit");
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), story, Day(10, 12));

        await world.SaveAsync("surging", new TargetListCondition(MinSurge: 2));
        await world.SaveAsync("deals", new TargetListCondition(Stages: ["opportunity", "CUSTOMER"]));
        await world.SaveAsync("steady", new TargetListCondition(MinSurge: 0.9, Tiers: ["2"]));

        Assert.Equal(["acme"], await world.MembersAsync("surging"));
        Assert.Equal(["initech", "umbrella"], await world.MembersAsync("deals"));
        Assert.Equal(["globex"], await world.MembersAsync("steady"));
    }

    [Fact]
    public async Task The_funnel_and_the_journey_take_a_rule_list_as_they_take_an_imported_one_with_the_same_members()
    {
        var story = Accounts().OnList("imported tier 2", "globex").OnList("imported tier 2", "umbrella")
            .Event("globex", Day(8, 9), "web", "form_submit").Event("acme", Day(8, 9), "web", "form_submit")
            .Opportunity("o-umb", "umbrella", Day(6, 10), Day(9, 10), "won", 100m);
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), story, Day(10, 12));
        await world.SaveAsync("tier 2", new TargetListCondition(Tiers: ["2"]));
        var window = new DateWindow(Date(1), Date(11));

        var funnel = new FunnelQuery(world.Db.Gateway, world.Db.Models);
        var ruled = await funnel.RunAsync(new FunnelRequest(window, "tier 2"), default);
        var imported = await funnel.RunAsync(new FunnelRequest(window, "imported tier 2"), default);
        var journey = new JourneyQuery(world.Db.Gateway, world.Journey);

        Assert.Equal(2, ruled.Stages[0].Accounts);
        Assert.Equivalent(imported, ruled, strict: true);
        Assert.Equivalent(
            await journey.RunAsync(new JourneyRequest(window, "imported tier 2"), default),
            await journey.RunAsync(new JourneyRequest(window, "tier 2"), default), strict: true);
    }

    [Fact]
    public async Task A_rule_list_with_no_member_yet_is_a_list_the_metrics_take_and_a_deleted_one_loses_its_members()
    {
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), Accounts(), Day(10, 12));
        await world.SaveAsync("nobody yet", new TargetListCondition(Tiers: ["9"]));
        await world.SaveAsync("tier 3", new TargetListCondition(Tiers: ["3"]));

        var funnel = await new FunnelQuery(world.Db.Gateway, world.Db.Models).RunAsync(new FunnelRequest(new(Date(1), Date(11)), "nobody yet"), default);
        await world.Rules.DeleteAsync("tier 3", default);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await world.Recompute.RecomputeOneAsync("tier 3", default);

        Assert.Equal(0, funnel.Stages[0].Accounts);
        Assert.Equal(new RecomputeOutcome("tier 3", 0, 1), after);
        Assert.Empty(await world.MembersAsync("tier 3"));
        Assert.Equal(["nobody yet"], (await new TargetListsQuery(world.Db.Gateway, world.Rules).RunAsync(default)).Select(l => l.Name));
        Assert.Equal("There is no rule list named 'tier 3'.", (await Assert.ThrowsAsync<MetricArgumentException>(() => world.Rules.DeleteAsync("tier 3", default))).Message);
    }

    [Theory]
    [InlineData("Condition 1 of 'anyOf': it sets nothing; set tiers, industries, countries, owners, minScore, minSurge, stages or intentTopic.")]
    [InlineData("Condition 2 of 'anyOf': 'LEAD' is not a journey stage; stages are TARGET, AWARE, ENGAGED, OPPORTUNITY, CUSTOMER.", "stage")]
    [InlineData("Condition 1 of 'anyOf': 'scoreWindowDays' must be between 1 and 365; it is 400.", "window")]
    [InlineData("Condition 1 of 'anyOf': 'scoreWindowDays' needs 'minScore': the window of which score?", "window alone")]
    [InlineData("Condition 1 of 'anyOf': 'tiers' is empty; leave it out to accept any.", "empty tiers")]
    [InlineData("Condition 1 of 'anyOf': 'minIntentScore' needs 'intentTopic': the score of which topic?", "score alone")]
    [InlineData("Condition 1 of 'anyOf': 'minSurge' must be above 0; it is 0.", "surge")]
    [InlineData("A rule needs at least one condition in 'anyOf'.", "no condition")]
    [InlineData("'abm' is an imported target list; a rule list needs a name of its own.", "imported name")]
    [InlineData("A list's name has 1 to 200 characters (spaces around it trimmed); it has 0.", "blank name")]
    public async Task A_rule_that_does_not_fit_is_refused_with_what_is_wrong(string message, string? kind = null)
    {
        await using var world = await RuleListWorld.CreateAsync(nameof(RuleListTests), Accounts().OnList("abm", "acme"), Day(10, 12));
        var (name, conditions) = kind switch
        {
            "stage" => ("l", new[] { new TargetListCondition(Tiers: ["1"]), new TargetListCondition(Stages: ["ENGAGED", "lead"]) }),
            "window" => ("l", [new TargetListCondition(MinScore: 5, ScoreWindowDays: 400)]),
            "window alone" => ("l", [new TargetListCondition(Tiers: ["1"], ScoreWindowDays: 7)]),
            "empty tiers" => ("l", [new TargetListCondition(Tiers: [" "])]),
            "score alone" => ("l", [new TargetListCondition(Tiers: ["1"], MinIntentScore: 5)]),
            "surge" => ("l", [new TargetListCondition(MinSurge: 0)]),
            "no condition" => ("l", []),
            "imported name" => ("abm", [new TargetListCondition(Tiers: ["1"])]),
            "blank name" => ("  ", [new TargetListCondition(Tiers: ["1"])]),
            _ => ("l", new[] { new TargetListCondition() }),
        };

        var refused = await Assert.ThrowsAsync<MetricArgumentException>(() => world.Rules.SaveAsync(name, new TargetListRule(conditions), default));

        Assert.Equal(message, refused.Message);
        Assert.Empty(await world.Rules.ListAsync(default));
    }

    [Fact]
    public void A_rule_reads_in_words()
    {
        var rule = new TargetListRule(
            [new TargetListCondition(Tiers: ["1", "2"], Industries: ["fintech"], MinSurge: 2), new TargetListCondition(IntentTopic: "data warehouse", MinIntentScore: 60)]).Validated();

        Assert.Equal("tier 1 or 2 and industry fintech and a surge of at least 2×, or intent for 'data warehouse' scored at least 60", rule.Describe());
        Assert.Equal(rule, TargetListRule.FromJson(rule.ToJson()), new RuleComparer());
    }

    /// <summary>Lists by value, their rules' lists by their items.</summary>
    private sealed class RuleListComparer : IEqualityComparer<TargetList>
    {
        public bool Equals(TargetList? x, TargetList? y) =>
            x is not null && y is not null && x with { Rule = null } == y with { Rule = null } && new RuleComparer().Equals(x.Rule, y.Rule);

        public int GetHashCode(TargetList obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class RuleComparer : IEqualityComparer<TargetListRule?>
    {
        public bool Equals(TargetListRule? x, TargetListRule? y) => x is null ? y is null : y is not null && x.ToJson() == y.ToJson();

        public int GetHashCode(TargetListRule? obj) => 0;
    }
}
