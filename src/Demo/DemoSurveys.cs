using System.Globalization;
using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// Customer surveys: a relationship NPS every month to a sample of customer contacts (enterprise happiest, SMB least),
/// and a CSAT question after support tickets. A performance incident some months back shows as a dip in both, with
/// comments that say so, so a trend chart has a story. Customers in Singapore often comment in Chinese.
/// </summary>
internal static class DemoSurveys
{
    public static List<SurveyResponseRecord> Generate(int seed, DemoCalendar calendar, IReadOnlyList<DemoAccount> accounts)
    {
        var random = DemoRandom.For(seed, "surveys");
        var incidentFrom = DemoCalendar.Days - 150;
        var incidentTo = incidentFrom + 35;
        var responses = new List<SurveyResponseRecord>();
        foreach (var account in accounts)
        {
            var customerFrom = CustomerSince(calendar, account);
            if (customerFrom is null)
            {
                continue;
            }

            // A relationship NPS every month: on the 1st a sample of the customer's contacts is asked, and answers come in
            // over three weeks, so any four weeks up to today hold answers.
            for (var day = customerFrom.Value; day < DemoCalendar.Days; day++)
            {
                var date = calendar.Day(day);
                if (date.Day == 1)
                {
                    foreach (var contact in account.Contacts.Where(_ => random.Chance(0.08)))
                    {
                        var at = calendar.WorkingMoment(random, date.AddDays(random.Next(0, 21)), account.UtcOffset);
                        var incident = day + 7 >= incidentFrom && day <= incidentTo;
                        Add(random, calendar, responses, "nps", NpsScore(random, account.Segment, incident), at, account, contact, incident);
                    }
                }

                // Support tickets: a steady trickle, more during the incident.
                var tickets = random.Poisson(0.004 * account.Contacts.Count * DemoCalendar.Activity(date) * (day >= incidentFrom && day <= incidentTo ? 2.0 : 1.0));
                for (var t = 0; t < tickets; t++)
                {
                    var contact = random.Pick(account.Contacts);
                    var at = calendar.WorkingMoment(random, date, account.UtcOffset);
                    var incident = day >= incidentFrom && day <= incidentTo;
                    Add(random, calendar, responses, "csat", CsatScore(random, incident), at, account, contact, incident);
                }
            }
        }

        AddRecentChineseDetractor(seed, calendar, accounts, responses);
        return responses;
    }

    /// <summary>
    /// Half an hour before the demo is made, a customer going by a Chinese name gave a 4 with a comment in Chinese:
    /// whatever day the demo is made, the open follow-ups hold one in Chinese (a week's few detractors may hold none by
    /// chance). Nobody has called them yet: the demo's follow-up history contacts a detractor an hour after the answer at
    /// the earliest, so this one stays open. Drawn from a stream of its own and added last, so every other answer stays
    /// as it was.
    /// </summary>
    private static void AddRecentChineseDetractor(int seed, DemoCalendar calendar, IReadOnlyList<DemoAccount> accounts, List<SurveyResponseRecord> into)
    {
        var account = accounts.FirstOrDefault(a => a.IsCustomer && a.Contacts.Count > 0 && (a.Record.Name ?? "").Any(c => c is >= '\u4e00' and <= '\u9fff'));
        if (account is null)
        {
            return;
        }

        var random = DemoRandom.For(seed, "surveys-recent-chinese-detractor");
        var at = calendar.Now.AddMinutes(-30 - random.Next(0, 10));
        var comment = DemoComments.WriteChinese(random, "support", -1);
        var id = "nps_" + (into.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
        into.Add(new SurveyResponseRecord(id, "nps", at, 4, comment, account.Id, random.Pick(account.Contacts).Email, account.Segment));
    }

    /// <summary>The first day index the account is a customer: from the start, or from its first won deal.</summary>
    private static int? CustomerSince(DemoCalendar calendar, DemoAccount account)
    {
        if (account.IsCustomer)
        {
            return 0;
        }

        var won = account.Opportunities.Where(o => o.Status == "won").Select(o => o.ClosedAt!.Value).Order().FirstOrDefault();
        return won == default ? null : calendar.IndexOf(won) + 1;
    }

    private static void Add(DemoRandom random, DemoCalendar calendar, List<SurveyResponseRecord> into, string survey, int score,
        DateTime at, DemoAccount account, DemoContact contact, bool incident)
    {
        if (!calendar.Contains(at))
        {
            return;
        }

        var tone = survey == "nps" ? (score >= 9 ? 1 : score >= 7 ? 0 : -1) : (score >= 4 ? 1 : score == 3 ? 0 : -1);
        var commentChance = tone switch { -1 => 0.65, 0 => 0.35, _ => 0.45 };
        string? comment = null;
        if (random.Chance(commentChance))
        {
            var theme = survey == "csat" && tone >= 0 && random.Chance(0.7) ? "support" : DemoComments.ThemeFor(random, tone, incident);
            comment = account.Record.Country == "Singapore" && random.Chance(0.6)
                ? DemoComments.WriteChinese(random, theme, tone)
                : DemoComments.Write(random, theme, tone);
        }

        var id = survey + "_" + (into.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
        into.Add(new SurveyResponseRecord(id, survey, at, (byte)score, comment, account.Id, contact.Email, account.Segment));
    }

    private static int NpsScore(DemoRandom random, string segment, bool incident)
    {
        var (promoter, passive) = segment switch
        {
            "Enterprise" => (0.54, 0.29),
            "Mid-market" => (0.47, 0.31),
            _ => (0.4, 0.33),
        };
        if (incident)
        {
            promoter -= 0.14;
        }

        var x = random.NextDouble();
        if (x < promoter)
        {
            return random.Chance(0.55) ? 9 : 10;
        }

        if (x < promoter + passive)
        {
            return random.Chance(0.45) ? 7 : 8;
        }

        // Detractors cluster at 5–6; zeros are rare but real.
        return random.PickWeighted<int>([(0, 1), (1, 0.5), (2, 1), (3, 2), (4, 3), (5, 6), (6, 8)]);
    }

    private static int CsatScore(DemoRandom random, bool incident) => incident
        ? random.PickWeighted<int>([(5, 30), (4, 30), (3, 18), (2, 12), (1, 10)])
        : random.PickWeighted<int>([(5, 50), (4, 32), (3, 9), (2, 5), (1, 4)]);
}
