using Analytics.Metrics.Common;

namespace Analytics.Metrics.EngagedAccounts;

/// <summary>
/// Engaged accounts of a window whose last 7 days reached at least <paramref name="MinSurge"/> times their usual week;
/// the <paramref name="First"/> strongest surges listed. Tier, owner, minimum score and intent filter as in
/// <see cref="EngagedAccountsRequest"/>.
/// </summary>
public sealed record SurgingAccountsRequest(
    DateWindow Window, string? TargetList = null, int First = 10, double MinSurge = 1.5, string? Tier = null, string? Owner = null,
    double? MinScore = null, IntentFilter? Intent = null);

/// <summary>Surging accounts: the engaged accounts ranked by surge instead of score.</summary>
/// <remarks>
/// Query intuition: the engaged-account ranking (<see cref="EngagedAccountsQuery"/>, its SQL) ordered by surge instead
/// of score, keeping the accounts with a surge (a baseline to compare with) of at least the minimum; ties by score, then id.
/// </remarks>
public sealed class SurgingAccountsQuery(EngagedAccountsQuery engaged)
{
    public const int MaxFirst = 100;

    public Task<IReadOnlyList<EngagedAccount>> RunAsync(SurgingAccountsRequest request, CancellationToken cancellationToken)
    {
        if (request.First is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"Between 0 and {MaxFirst} accounts can be listed; {request.First} were asked.");
        }

        if (request.MinSurge is <= 0 or double.NaN)
        {
            throw new MetricArgumentException($"The minimum surge must be above 0; {request.MinSurge} was asked.");
        }

        return engaged.SurgingAsync(request, cancellationToken);
    }
}
