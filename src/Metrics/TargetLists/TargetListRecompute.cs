using Analytics.Metrics.Common;
using Analytics.Metrics.Journey;
using Analytics.Metrics.Scoring;
using Microsoft.Extensions.Logging;

namespace Analytics.Metrics.TargetLists;

/// <summary>What one recompute of a list changed.</summary>
public sealed record RecomputeOutcome(string List, int Joined, int Left);

/// <summary>
/// Recomputes rule lists: the members their rule gives now go into <c>target_list_members</c> (the list's name, as an
/// imported list's; a leaver's row gets <c>removed_at</c>), so every <c>targetList</c> argument takes a rule list with no
/// change to its query, and each join and leave is appended to <see cref="TargetListTables.Changes"/>. "Now" is the
/// clock's (tests move it). One recompute at a time: a save's and the schedule's never interleave.
/// </summary>
public sealed partial class TargetListRecompute(
    IClickHouseGateway gateway, TargetListRuleStore rules, ScoringModelStore models, JourneyIndex journey, TimeProvider clock,
    ILogger<TargetListRecompute> logger)
{
    private static readonly string[] MemberColumns = ["list", "account_id", "added_at", "removed_at", "updated_at"];
    private static readonly string[] ChangeColumns = ["list", "account_id", "joined", "at"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IncreasingStamps _stamps = new(clock);

    /// <summary>Recomputes every rule list; returns what each changed.</summary>
    public async Task<IReadOnlyList<RecomputeOutcome>> RecomputeAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var outcomes = new List<RecomputeOutcome>();
            foreach (var list in await rules.ListAsync(cancellationToken))
            {
                outcomes.Add(await RecomputeAsync(list.Name, list.Rule, cancellationToken));
            }

            return outcomes;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recomputes one list as its stored rule says (a deleted or unknown list has no members: all leave).</summary>
    public async Task<RecomputeOutcome> RecomputeOneAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var found = await rules.ListAsync([name], cancellationToken);
            return await RecomputeAsync(name, found.Count == 0 ? null : found[0].Rule, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RecomputeOutcome> RecomputeAsync(string name, TargetListRule? rule, CancellationToken cancellationToken)
    {
        var now = _stamps.Next();
        var (sql, parameters) = RuleMembersSql.Diff(name, rule, DateOnly.FromDateTime(now));
        if (RuleMembersSql.NeedsModel(rule))
        {
            parameters.AddModel(await models.PricedAsync(cancellationToken));
        }

        if (RuleMembersSql.NeedsStages(rule))
        {
            await journey.EnsureCurrentAsync(cancellationToken);
        }

        var diff = await gateway.ListAsync(sql, parameters, r => (Id: r.Get<string>("id"), Member: r.Get<bool>("member"), AddedAt: r.Get<DateTime>("added_at")), cancellationToken);
        if (diff.Count > 0)
        {
            // The history first: a crash between the two inserts makes the next recompute find the same change again,
            // so a join is reported twice rather than never (the alerts would rather repeat than miss one).
            await gateway.InsertAsync(TargetListTables.Changes.Name, ChangeColumns, diff.Select(d => new object?[] { name, d.Id, (byte)(d.Member ? 1 : 0), now }), cancellationToken);
            await gateway.InsertAsync("target_list_members", MemberColumns,
                diff.Select(d => d.Member ? new object?[] { name, d.Id, now, null, now } : [name, d.Id, d.AddedAt, now, now]), cancellationToken);
        }

        var outcome = new RecomputeOutcome(name, diff.Count(d => d.Member), diff.Count(d => !d.Member));
        LogRecomputed(name, outcome.Joined, outcome.Left);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule list {List} recomputed: {Joined} joined, {Left} left")]
    private partial void LogRecomputed(string list, int joined, int left);
}
