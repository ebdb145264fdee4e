namespace Analytics.Demo;

/// <summary>A paid ad campaign: where it runs, when, to whom, and what its clicks and impressions cost.</summary>
internal sealed record DemoAdCampaign(
    string Name,
    string Platform,
    int FirstDay,
    int LastDay,
    IReadOnlyList<string> Audience,
    double DailyImpressions,
    double ClickThroughRate,
    double CostPerMille,
    double CostPerClick)
{
    public bool IsActive(int day) => day >= FirstDay && day <= LastDay;

    /// <summary>LinkedIn reports impressions per company, so its impressions can be tied to target accounts.</summary>
    public bool ReportsCompanies => Platform == "linkedin";

    public bool Targets(DemoAccount account) =>
        Audience.Count == 0 ? account.IsTarget : account.Lists.Exists(l => Audience.Contains(l));
}

/// <summary>A webinar or field event: invitations go out a week before, attendance is recorded as it happens.</summary>
internal sealed record DemoLiveEvent(string Name, string Slug, DateTime StartsAt, bool IsFieldEvent);

/// <summary>The marketing calendar of the year: ad campaigns, webinars and field events, placed on real dates.</summary>
internal static class DemoCampaigns
{
    public static List<DemoAdCampaign> Ads(DemoCalendar calendar)
    {
        var all = DemoCalendar.Days;
        var (q4From, q4To, q4Year) = Q4Push(calendar);
        return
        [
            new("LinkedIn - Enterprise ABM", "linkedin", 0, all, [DemoAccounts.EnterpriseList], 9_000, 0.0055, 38, 0),
            new("LinkedIn - Mid-market expansion", "linkedin", 45, all, [DemoAccounts.MidMarketList], 6_500, 0.0045, 31, 0),
            new("Google Search - Brand", "google", 0, all, [], 1_400, 0.085, 0, 2.1),
            new("Google Search - Competitor", "google", 70, all, [DemoAccounts.DisplacementList, DemoAccounts.MidMarketList], 2_600, 0.034, 0, 7.4),
            new("Google Display - Retargeting", "google", 20, all, [], 24_000, 0.0028, 4.2, 0),
            new($"LinkedIn - Q4 pipeline push {q4Year}", "linkedin", q4From, q4To, [], 15_000, 0.006, 45, 0),
        ];
    }

    /// <summary>Webinars about every six weeks, none in the summer holidays or over the year end; one field event in Q4.</summary>
    public static List<DemoLiveEvent> LiveEvents(DemoCalendar calendar)
    {
        var events = new List<DemoLiveEvent>();
        var topic = 0;
        for (var day = 12; day < DemoCalendar.Days - 3; day += 42)
        {
            var date = calendar.Day(day);
            while (date.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Thursday))
            {
                date = date.AddDays(1);
            }

            if (date.Month is 7 or 8 || (date.Month == 12 && date.Day > 15))
            {
                continue;
            }

            var title = DemoNames.WebinarTopics[topic++ % DemoNames.WebinarTopics.Length];
            var startsAt = date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
            events.Add(new DemoLiveEvent("Webinar - " + title, Slug(title), startsAt, IsFieldEvent: false));
        }

        var (q4From, _, year) = Q4Push(calendar);
        var roundtable = calendar.Day(Math.Min(q4From + 36, DemoCalendar.Days - 2));
        events.Add(new DemoLiveEvent(
            $"Field event - Executive roundtable {year}", "executive-roundtable",
            roundtable.ToDateTime(new TimeOnly(17, 30), DateTimeKind.Utc), IsFieldEvent: true));
        return events.OrderBy(e => e.StartsAt).ToList();
    }

    /// <summary>The latest 1 October to 15 December push that fits in the window, as day indexes, clipped to it.</summary>
    public static (int From, int To, int Year) Q4Push(DemoCalendar calendar)
    {
        var year = calendar.Today.Year;
        var start = new DateOnly(year, 10, 1);
        if (start > calendar.Today.AddDays(-30))
        {
            year--;
            start = new DateOnly(year, 10, 1);
        }

        var end = new DateOnly(year, 12, 15);
        var from = Math.Max(0, start.DayNumber - calendar.FirstDay.DayNumber);
        var to = Math.Min(DemoCalendar.Days, end.DayNumber - calendar.FirstDay.DayNumber);
        return (from, to, year);
    }

    private static string Slug(string title) =>
        string.Join('-', new string(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
