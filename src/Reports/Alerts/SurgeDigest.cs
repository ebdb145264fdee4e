using System.Globalization;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Reports.Delivery;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

/// <summary>An account of an owner's digest: its surge and points, from the engaged-accounts metric.</summary>
public sealed record SurgingAccount(string AccountId, string? Name, double Surge, double ThisWeek, double PreviousWeeklyMean, double Score);

/// <summary>
/// The daily surge digest, a report like the others: for each configured owner, their engaged accounts whose surge
/// reached <c>Reports:Surge:Factor</c> over the seven days before the digest's day, one message to each owner's address.
/// Surge is the engaged-accounts metric's (its SQL is not repeated here). It runs on <c>Reports:Surge:Cron</c> once an
/// owner is configured.
/// </summary>
public sealed class SurgeDigest(EngagedAccountsQuery accounts, IOptions<ReportOptions> options) : IReport
{
    /// <summary>The digest's name in the run history.</summary>
    public const string Report = "surge-digest";

    public string Name => Report;

    public bool ToConfiguredRecipients => false;

    public DefaultSchedule? DefaultSchedule =>
        options.Value.Surge is { Owners.Count: > 0 } surge ? new DefaultSchedule(surge.Cron, surge.TimeZone, "Reports:Surge") : null;

    /// <summary>The seven days before the digest's day.</summary>
    public ReportPeriod PeriodEndingAt(DateOnly periodEnd) => new(periodEnd.AddDays(-7), periodEnd);

    /// <summary>Today: the digest covers the seven days up to now.</summary>
    public DateOnly DefaultPeriodEnd(DateOnly today) => today;

    public async Task<ReportOutput> ProduceAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var found = await FindAsync(context.Period, cancellationToken);
        return new ReportOutput(null, Messages(context.Period, found, context.RunId),
            $"No account crossed the surge factor {F(options.Value.Surge.Factor)}; nothing to send.");
    }

    /// <summary>The surging accounts of each configured owner over <paramref name="period"/>, highest surge first; owners with none are left out.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SurgingAccount>>> FindAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var settings = options.Value.Surge;
        var found = new SortedDictionary<string, IReadOnlyList<SurgingAccount>>(StringComparer.Ordinal);
        foreach (var owner in settings.Owners.Keys)
        {
            var surging = new List<SurgingAccount>();
            EngagedAccountCursor? after = null;
            EngagedAccountsPage page;
            do
            {
                page = await accounts.RunAsync(new EngagedAccountsRequest(
                    new DateWindow(period.Start, period.End), Owner: owner, First: EngagedAccountsQuery.MaxPageSize, After: after), cancellationToken);
                surging.AddRange(page.Accounts.Where(a => a.Surge >= settings.Factor)
                    .Select(a => new SurgingAccount(a.AccountId, a.Name, a.Surge!.Value, a.ThisWeek, a.PreviousWeeklyMean, a.Score)));
                after = page.Accounts.LastOrDefault()?.Cursor;
            }
            while (page.HasNextPage);

            if (surging.Count > 0)
            {
                found[owner] = surging.OrderByDescending(a => a.Surge).ThenBy(a => a.AccountId, StringComparer.Ordinal).ToList();
            }
        }

        return found;
    }

    /// <summary>One message per owner with surging accounts, to the owner's address.</summary>
    public IReadOnlyList<OutgoingMessage> Messages(ReportPeriod period, IReadOnlyDictionary<string, IReadOnlyList<SurgingAccount>> found, string runId)
    {
        var settings = options.Value.Surge;
        var last = period.End.AddDays(-1);
        return found.Select(pair =>
        {
            var (owner, list) = (pair.Key, pair.Value);
            var subject = $"Surging accounts: {list.Count} of yours, {period.Start:yyyy-MM-dd} to {last:yyyy-MM-dd}";
            var lead = $"Accounts owned by {owner} whose engagement in the seven days to {last:yyyy-MM-dd} reached {F(settings.Factor)}× their weekly mean of the four weeks before.";
            var rows = list.Select(a => (IReadOnlyList<string?>)[a.Name ?? a.AccountId, F(a.Surge) + "×", F(a.ThisWeek), F(a.PreviousWeeklyMean)]).ToList();
            var html = OutgoingMessage.HtmlTable("Surging accounts", lead, ["Account", "Surge", "Points this week", "Weekly mean before"], rows);
            var text = lead + "\n\n" + string.Join("\n", list.Select(a => $"{a.Name ?? a.AccountId}: {F(a.Surge)}× ({F(a.ThisWeek)} points, mean {F(a.PreviousWeeklyMean)})"));
            var name = $"{Report}-{period.End:yyyy-MM-dd}-{runId[..8]}-{new string(owner.Where(char.IsAsciiLetterOrDigit).ToArray())}";
            return new OutgoingMessage([settings.Owners[owner]], subject, html, text, null, name);
        }).ToList();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
