using System.Globalization;
using System.Text;
using Analytics.Metrics.Common;

namespace Analytics.Metrics.EngagedAccounts;

/// <summary>
/// A page of engaged accounts over a window, highest score first. Filters: a target list, a tier, an owner, a
/// minimum score (the model's threshold when null: only engaged accounts are listed), and intent for a topic as of the
/// window's end (<see cref="IntentFilter"/>).
/// </summary>
public sealed record EngagedAccountsRequest(
    DateWindow Window, string? TargetList = null, string? Tier = null, string? Owner = null, double? MinScore = null,
    int First = 50, EngagedAccountCursor? After = null, IntentFilter? Intent = null);

/// <summary>
/// One engaged account. <see cref="Surge"/> is its points over the last 7 days of the window divided by its mean weekly
/// points over the 28 days before those (2.0 = twice its usual); null when it had no points then.
/// </summary>
public sealed record EngagedAccount(
    string AccountId, string? Name, string? Tier, string? Owner, double Score, double ThisWeek, double PreviousWeeklyMean,
    double? Surge, DateTime? LastActivityAt, long OpenOpportunities, EngagedAccountCursor Cursor);

public sealed record EngagedAccountsPage(long TotalCount, IReadOnlyList<EngagedAccount> Accounts, bool HasNextPage);

/// <summary>Where a page ends: the last account's score and id (the sort key), opaque to clients as base64.</summary>
public sealed record EngagedAccountCursor(double Score, string AccountId)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Score.ToString("R", CultureInfo.InvariantCulture) + "|" + AccountId));

    public static EngagedAccountCursor Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && double.TryParse(text[..bar], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                return new EngagedAccountCursor(score, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Not base64: reported below like any other malformed cursor.
        }

        throw new MetricArgumentException($"'{cursor}' is not a cursor returned by this API.");
    }
}
