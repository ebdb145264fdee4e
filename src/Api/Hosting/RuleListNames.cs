using Analytics.Ingestion.Accepting;
using Analytics.Metrics.TargetLists;

namespace Analytics.Api.Hosting;

/// <summary>The metrics' rule lists, for the ingestion's <c>target-accounts</c> import, which may not add members to one.</summary>
internal sealed class RuleListNames(TargetListRuleStore rules) : IRuleListNames
{
    public async Task<IReadOnlySet<string>> RuleListsAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        (await rules.ListAsync(names, cancellationToken)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
}
