namespace Analytics.Ingestion.Accepting;

/// <summary>
/// The names of the rule (dynamic) target lists, which the metrics keep: a <c>target-accounts</c> import may not add
/// members to one, since its members are what its rule computes.
/// </summary>
public interface IRuleListNames
{
    /// <summary>Those of <paramref name="names"/> that are rule lists.</summary>
    Task<IReadOnlySet<string>> RuleListsAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}

/// <summary>For a host without the metrics: there are no rule lists.</summary>
internal sealed class NoRuleLists : IRuleListNames
{
    public Task<IReadOnlySet<string>> RuleListsAmongAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
}
