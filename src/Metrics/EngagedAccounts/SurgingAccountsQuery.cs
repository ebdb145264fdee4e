using Analytics.Metrics.Common;

namespace Analytics.Metrics.EngagedAccounts;

/// <summary>
/// Engaged accounts of a window whose last 7 days reached at least <paramref name="MinSurge"/> times their usual week;
/// the <paramref name="First"/> strongest surges listed.
/// </summary>
public sealed record SurgingAccountsRequest(DateWindow Window, string? TargetList = null, int First = 10, double MinSurge = 1.5);

/// <summary>Surging accounts: the engaged accounts ranked by surge instead of score.</summary>
/// <remarks>
/// Query intuition: the engaged-account ranking (<see cref="EngagedAccountsQuery"/>, its SQL) gives every engaged
/// account's surge; the accounts with a surge (a baseline to compare with) of at least the minimum are ranked by surge,
/// then score, then id. TRICKY: only the <see cref="EngagedAccountsQuery.MaxPageSize"/> highest-scoring engaged accounts
/// are considered, which covers a week of any target list this project has seen.
/// </remarks>
public sealed class SurgingAccountsQuery(EngagedAccountsQuery engaged)
{
    public const int MaxFirst = 100;

    public async Task<IReadOnlyList<EngagedAccount>> RunAsync(SurgingAccountsRequest request, CancellationToken cancellationToken)
    {
        if (request.First is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"Between 0 and {MaxFirst} accounts can be listed; {request.First} were asked.");
        }

        if (request.MinSurge is <= 0 or double.NaN)
        {
            throw new MetricArgumentException($"The minimum surge must be above 0; {request.MinSurge} was asked.");
        }

        var page = await engaged.RunAsync(new EngagedAccountsRequest(request.Window, request.TargetList, First: EngagedAccountsQuery.MaxPageSize), cancellationToken);
        return page.Accounts.Where(a => a.Surge >= request.MinSurge)
            .OrderByDescending(a => a.Surge).ThenByDescending(a => a.Score).ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .Take(request.First).ToList();
    }
}
