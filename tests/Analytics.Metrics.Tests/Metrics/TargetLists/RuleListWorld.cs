using Analytics.Metrics.Journey;
using Analytics.Metrics.TargetLists;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Metrics.Tests.Metrics.TargetLists;

/// <summary>A database with a story, the server's rule store and recompute on a clock the test moves, and what they wrote.</summary>
internal sealed class RuleListWorld : IAsyncDisposable
{
    private RuleListWorld(MetricsDatabase db, FakeTimeProvider clock, JourneyIndex journey)
    {
        Db = db;
        Clock = clock;
        Journey = journey;
        Rules = new TargetListRuleStore(db.Gateway, clock);
        Recompute = new TargetListRecompute(db.Gateway, Rules, db.Models, journey, clock, NullLogger<TargetListRecompute>.Instance);
    }

    public MetricsDatabase Db { get; }

    public FakeTimeProvider Clock { get; }

    public JourneyIndex Journey { get; }

    public TargetListRuleStore Rules { get; }

    public TargetListRecompute Recompute { get; }

    /// <summary>A world whose clock reads <paramref name="now"/>; the journey looks back 10 days, to keep stories in March.</summary>
    public static async Task<RuleListWorld> CreateAsync(string owner, Story story, DateTime now)
    {
        var db = await (await MetricsDatabase.CreateAsync(owner)).WithAsync(story);
        return new RuleListWorld(db, new FakeTimeProvider(now), db.JourneyIndex(Options.Create(new JourneyOptions { LookbackDays = 10 })));
    }

    /// <summary>Saves the rule and recomputes its list, as the saveTargetListRule mutation does.</summary>
    public async Task<RecomputeOutcome> SaveAsync(string name, params TargetListCondition[] anyOf)
    {
        var saved = await Rules.SaveAsync(name, new TargetListRule(anyOf), default);
        return await Recompute.RecomputeOneAsync(saved.Name, default);
    }

    /// <summary>The list's current members, by id.</summary>
    public async Task<List<string>> MembersAsync(string list) =>
        (await Db.Gateway.ListAsync(TargetListArgument.MembersSql + " ORDER BY account_id", new QueryParameters().Add("list", list), r => r.Get<string>(0), default));

    /// <summary>Every row of the list in target_list_members: (account, added_at, removed_at).</summary>
    public Task<List<(string, DateTime, DateTime?)>> MemberRowsAsync(string list) => Db.Gateway.ListAsync(
        "SELECT account_id, added_at, removed_at FROM target_list_members FINAL WHERE list = {list:String} ORDER BY account_id",
        new QueryParameters().Add("list", list), r => (r.Get<string>(0), r.Get<DateTime>(1), r.Get<DateTime?>(2)), default);

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
