using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// Paid media: LinkedIn's company-level impressions on target accounts (as ad impression events), and every
/// campaign's daily statistics (spend, impressions, clicks) as the ad platforms export them.
/// </summary>
internal static class DemoAds
{
    public static void Impressions(int seed, DemoCalendar calendar, IReadOnlyList<DemoAccount> accounts,
        IReadOnlyList<DemoAdCampaign> ads, DemoTraffic traffic)
    {
        var random = DemoRandom.For(seed, "impressions");
        foreach (var campaign in ads.Where(a => a.ReportsCompanies))
        {
            // Broad campaigns spread thinner over more accounts than list-targeted ones.
            var perAccount = campaign.Audience.Count == 0 ? 0.05 : campaign.Audience.Contains(DemoAccounts.EnterpriseList) ? 0.2 : 0.07;
            foreach (var account in accounts.Where(campaign.Targets))
            {
                for (var day = campaign.FirstDay; day <= campaign.LastDay; day++)
                {
                    var surge = account.SurgeFrom is int from && day >= from ? 1.5 : 1.0;
                    var count = random.Poisson(perAccount * surge * DemoCalendar.Activity(calendar.Day(day)));
                    for (var i = 0; i < count; i++)
                    {
                        var at = calendar.Day(day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(random.Next(86_400));
                        if (calendar.Contains(at))
                        {
                            traffic.CompanyImpression(account, at, campaign);
                        }
                    }
                }
            }
        }
    }

    public static List<AdPerformanceRecord> Performance(int seed, double scale, DemoCalendar calendar, IReadOnlyList<DemoAdCampaign> ads)
    {
        var random = DemoRandom.For(seed, "ad-performance");
        var rows = new List<AdPerformanceRecord>();
        foreach (var campaign in ads)
        {
            // Spend follows the buying calendar, with budget paced flatter on weekends than traffic is.
            for (var day = campaign.FirstDay; day < Math.Min(campaign.LastDay + 1, DemoCalendar.Days); day++)
            {
                var date = calendar.Day(day);
                var pacing = 0.35 + (0.65 * DemoCalendar.Activity(date));
                var impressions = (ulong)random.Poisson(campaign.DailyImpressions * scale * pacing * random.Uniform(0.85, 1.15));
                var clicks = (ulong)random.Poisson(impressions * campaign.ClickThroughRate * random.Uniform(0.8, 1.2));
                var spend = campaign.CostPerMille > 0
                    ? impressions / 1000.0 * campaign.CostPerMille * random.Uniform(0.9, 1.1)
                    : clicks * campaign.CostPerClick * random.Uniform(0.85, 1.15);
                rows.Add(new AdPerformanceRecord(date, campaign.Name, campaign.Platform, Impressions: impressions, Clicks: clicks,
                    Spend: Math.Round((decimal)spend, 2)));
            }
        }

        return rows;
    }
}
