namespace Analytics.Demo;

/// <summary>
/// Website visits: per account and day a few sessions at most, more on weekdays, in Q4, around an opportunity and in a
/// surge; each session a handful of pages from the blog, product, pricing, demo and contact pages, sometimes a form.
/// Paid clicks start some sessions. Visitors are anonymous until they fill a form (or are already known), so their
/// earlier pages count for their account only through the identify and group calls: retroactive attribution.
/// Unknown visitors from outside any account add the traffic that never resolves.
/// </summary>
internal static class DemoWeb
{
    private static readonly (string Form, string Path)[] FormPages = [("Demo request", "/demo"), ("Contact us", "/contact")];

    public static void Generate(int seed, double scale, DemoCalendar calendar, IReadOnlyList<DemoAccount> accounts,
        IReadOnlyList<DemoAdCampaign> ads, DemoTraffic traffic)
    {
        var random = DemoRandom.For(seed, "web");
        foreach (var account in accounts)
        {
            var baseRate = account.Tier switch { "Tier 1" => 0.06, "Tier 2" => 0.032, "Tier 3" => 0.016, _ => 0.011 }
                * account.Intent * (account.IsCustomer ? 1.4 : 1.0);
            var demoRequested = new HashSet<string>(StringComparer.Ordinal);
            for (var day = 0; day <= DemoCalendar.Days; day++)
            {
                var date = calendar.Day(day);
                var buying = BuyingFactor(account, calendar, day);
                var sessions = random.Poisson(baseRate * DemoCalendar.Activity(date) * buying);
                for (var s = 0; s < sessions; s++)
                {
                    var contact = PickContact(random, account);
                    var start = calendar.WorkingMoment(random, date, account.UtcOffset);
                    if (calendar.Contains(start))
                    {
                        Session(random, calendar, traffic, contact, start, buying > 1.5, ActiveAd(random, ads, account, day));
                    }
                }

                DemoRequestBeforeOpportunity(random, calendar, traffic, account, day, demoRequested);
            }
        }

        Strangers(random, scale, calendar, traffic);
    }

    /// <summary>How much more the account reads on this day: before and during an open deal, and in a surge.</summary>
    private static double BuyingFactor(DemoAccount account, DemoCalendar calendar, int day)
    {
        var factor = 1.0;
        foreach (var opportunity in account.Opportunities)
        {
            var created = calendar.IndexOf(opportunity.CreatedAt);
            var closed = opportunity.ClosedAt is { } c ? calendar.IndexOf(c) : DemoCalendar.Days;
            if (day >= created - 45 && day < created)
            {
                factor = Math.Max(factor, 3.0);
            }
            else if (day >= created && day <= closed)
            {
                factor = Math.Max(factor, 1.8);
            }
        }

        if (account.SurgeFrom is int from && day >= from)
        {
            factor *= account.SurgeFactor;
        }

        return factor;
    }

    private static DemoContact PickContact(DemoRandom random, DemoAccount account)
    {
        // A couple of champions do most of the reading.
        var weights = new double[account.Contacts.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = 1.0 / (1 + (i * 0.7));
        }

        return account.Contacts[random.PickWeighted(weights)];
    }

    private static DemoAdCampaign? ActiveAd(DemoRandom random, IReadOnlyList<DemoAdCampaign> ads, DemoAccount account, int day)
    {
        if (!random.Chance(0.22))
        {
            return null;
        }

        var running = ads.Where(a => a.IsActive(day) && a.Targets(account)).ToList();
        return running.Count == 0 ? null : random.Pick(running);
    }

    private static void Session(
        DemoRandom random, DemoCalendar calendar, DemoTraffic traffic, DemoContact contact, DateTime start, bool buying,
        DemoAdCampaign? ad)
    {
        var visitor = DemoVisitor.Of(contact);
        if (contact.KnownBefore)
        {
            traffic.Identify(contact, start.AddMilliseconds(-500));
        }

        var at = start;
        string? campaign = null, source, medium = null;
        string path;
        if (ad is not null)
        {
            campaign = ad.Name;
            source = ad.Platform;
            medium = ad.Platform == "linkedin" ? "paid_social" : "cpc";
            traffic.Track(visitor, at, "ad", "click", campaign, source, medium, extra: [new("platform", ad.Platform)]);
            path = random.PickWeighted<string>([("/demo", 3), ("/product", 3), ("/pricing", 1), ("/blog/" + random.Pick(DemoNames.BlogPosts), 3)]);
            at = at.AddSeconds(random.Next(1, 4));
        }
        else
        {
            source = random.PickWeighted<string>([("google", 40), ("direct", 25), ("linkedin", 12), ("g2", 5), ("bing", 4), ("newsletter", 4)]);
            path = random.PickWeighted<string>([("/blog/" + random.Pick(DemoNames.BlogPosts), 45), ("/", 20), (random.Pick(DemoNames.ProductPages), 25), ("/pricing", 10)]);
        }

        var pages = 1;
        while (pages < 8 && random.Chance(buying ? 0.62 : 0.5))
        {
            pages++;
        }

        for (var i = 0; i < pages && calendar.Contains(at); i++)
        {
            var url = DemoNames.Site + path;
            if (i == 0 && campaign is not null)
            {
                url += $"?utm_source={source}&utm_medium={medium}&utm_campaign={Uri.EscapeDataString(campaign)}";
            }

            traffic.Page(visitor, at, url, i == 0 ? campaign : null, i == 0 ? source : null, i == 0 ? medium : null);
            MaybeForm(random, calendar, traffic, contact, at, path, buying);
            at = at.AddSeconds(random.Next(15, 200));
            path = NextPath(random, buying);
        }
    }

    private static void MaybeForm(DemoRandom random, DemoCalendar calendar, DemoTraffic traffic, DemoContact contact, DateTime at, string path, bool buying)
    {
        var (form, chance) = path switch
        {
            "/demo" => ("Demo request", buying ? 0.35 : 0.18),
            "/contact" => ("Contact us", 0.3),
            "/pricing" => ("Pricing question", 0.04),
            _ when path.StartsWith("/blog/", StringComparison.Ordinal) => ("Ebook download", 0.025),
            _ => ("", 0.0),
        };
        var submitted = at.AddSeconds(random.Next(20, 90));
        if (!random.Chance(chance) || !calendar.Contains(submitted))
        {
            return;
        }

        traffic.Identify(contact, submitted.AddMilliseconds(-300));
        traffic.Track(DemoVisitor.Of(contact), submitted, "web", "form_submit", url: DemoNames.Site + path, extra: [new("form", form)]);
    }

    private static string NextPath(DemoRandom random, bool buying) => random.PickWeighted<string>(
    [
        (random.Pick(DemoNames.ProductPages), 35), ("/blog/" + random.Pick(DemoNames.BlogPosts), 20), ("/pricing", buying ? 25 : 12),
        ("/demo", buying ? 8 : 3), ("/contact", 2), ("/customers", 5), ("/", 6), ("/careers", 1),
    ]);

    /// <summary>Most new business starts with a demo request a few days before the opportunity is created.</summary>
    private static void DemoRequestBeforeOpportunity(
        DemoRandom random, DemoCalendar calendar, DemoTraffic traffic, DemoAccount account, int day, HashSet<string> done)
    {
        foreach (var opportunity in account.Opportunities)
        {
            if (opportunity.Type != "New Business" || done.Contains(opportunity.OpportunityId)
                || calendar.IndexOf(opportunity.CreatedAt) - 4 != day)
            {
                continue;
            }

            done.Add(opportunity.OpportunityId);
            if (!random.Chance(0.6))
            {
                continue;
            }

            var contact = PickContact(random, account);
            var at = calendar.WorkingMoment(random, calendar.Day(day), account.UtcOffset);
            if (!calendar.Contains(at))
            {
                continue;
            }

            var (form, path) = random.Pick(FormPages);
            traffic.Page(DemoVisitor.Of(contact), at, DemoNames.Site + path);
            traffic.Identify(contact, at.AddSeconds(50));
            traffic.Track(DemoVisitor.Of(contact), at.AddSeconds(51), "web", "form_submit", url: DemoNames.Site + path, extra: [new("form", form)]);
        }
    }

    /// <summary>Visitors from no known account (students, job seekers, competitors); a few sign up with free mail.</summary>
    private static void Strangers(DemoRandom random, double scale, DemoCalendar calendar, DemoTraffic traffic)
    {
        for (var day = 0; day <= DemoCalendar.Days; day++)
        {
            var date = calendar.Day(day);
            var sessions = random.Poisson(22 * scale * DemoCalendar.Activity(date));
            for (var s = 0; s < sessions; s++)
            {
                var visitor = new DemoVisitor(random.NextGuid().ToString(), null);
                var at = calendar.WorkingMoment(random, date, random.Pick(DemoNames.Countries).UtcOffset);
                var pages = random.Chance(0.6) ? 1 : random.Next(2, 5);
                for (var i = 0; i < pages && calendar.Contains(at); i++)
                {
                    var path = i == 0 || random.Chance(0.5) ? "/blog/" + random.Pick(DemoNames.BlogPosts) : random.PickWeighted<string>([("/careers", 3), ("/pricing", 1), ("/product", 2)]);
                    traffic.Page(visitor, at, DemoNames.Site + path);
                    at = at.AddSeconds(random.Next(10, 150));
                }

                if (random.Chance(0.03) && calendar.Contains(at))
                {
                    var user = "lead_" + visitor.AnonymousId[..8];
                    traffic.IdentifyStranger(visitor.AnonymousId, user, $"{user}@{random.Pick(DemoNames.FreeMailDomains)}", at);
                    traffic.Track(visitor, at.AddMilliseconds(300), "web", "form_submit", url: DemoNames.Site + "/blog", extra: [new("form", "Newsletter sign-up")]);
                }
            }
        }
    }
}
