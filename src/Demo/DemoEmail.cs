namespace Analytics.Demo;

/// <summary>
/// Email: a monthly newsletter, a nurture drip, invitations to webinars, a launch announcement and a Q4 offer, each a
/// send followed by SendGrid's events: delivered or bounced, a machine's opens (Apple Mail privacy protection), a
/// person's opens and clicks, now and then an unsubscribe or a spam report. Invitation clicks lead to registrations (a form on
/// the website, which identifies the visitor) and registrants attend, or not.
/// </summary>
internal static class DemoEmail
{
    public static void Generate(int seed, DemoCalendar calendar, IReadOnlyList<DemoContact> contacts, DemoTraffic traffic)
    {
        var random = DemoRandom.For(seed, "email");
        // Its own stream, so the reports below leave every other draw of the demo as it was.
        var reports = DemoRandom.For(seed, "email reports");
        var subscribed = contacts.Where(c => c.Subscribed).ToList();
        for (var day = 0; day < DemoCalendar.Days; day++)
        {
            var date = calendar.Day(day);
            var at = date.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
            if (date.DayOfWeek == DayOfWeek.Tuesday && date.Day <= 7)
            {
                Send(random, reports, calendar, traffic, subscribed, at, $"Newsletter {date:yyyy-MM}", "newsletter", "/blog/" + random.Pick(DemoNames.BlogPosts));
            }

            if (date.DayOfWeek == DayOfWeek.Thursday && (day / 7) % 2 == 0 && DemoCalendar.Activity(date) > 0.5)
            {
                // The drip reaches one eighth of the mid-market and velocity prospects every other week.
                var wave = day / 14;
                var drip = contacts.Where(c => c.Account.Tier is "Tier 2" or "Tier 3" && !c.Account.IsCustomer && HashOf(c) % 8 == wave % 8).ToList();
                Send(random, reports, calendar, traffic, drip, at.AddHours(-4), "Nurture - ABM education track", "nurture", "/blog/" + random.Pick(DemoNames.BlogPosts));
            }
        }

        var launch = calendar.Day(DemoCalendar.Days / 2 + 20).ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc);
        Send(random, reports, calendar, traffic, subscribed.Concat(contacts.Where(c => c.Account.IsCustomer && !c.Subscribed)).ToList(),
            launch, "Launch - Workflow Studio", "product", "/product/reports");

        var (q4From, _, year) = DemoCampaigns.Q4Push(calendar);
        var offerAudience = contacts.Where(c => c.Account.Tier is "Tier 2" or "Tier 3" && !c.Account.IsCustomer && HashOf(c) % 2 == 0).ToList();
        Send(random, reports, calendar, traffic, offerAudience, calendar.Day(q4From + 30).ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc),
            $"Q4 offer {year} - annual plan", "promotion", "/pricing");

        foreach (var live in DemoCampaigns.LiveEvents(calendar))
        {
            Invite(random, reports, calendar, traffic, contacts, live);
        }
    }

    private static List<(DemoContact Contact, DateTime ClickedAt)> Send(
        DemoRandom random, DemoRandom reports, DemoCalendar calendar, DemoTraffic traffic, IReadOnlyList<DemoContact> audience,
        DateTime sentAt, string campaign, string category, string path)
    {
        var clicks = new List<(DemoContact, DateTime)>();
        if (!calendar.Contains(sentAt))
        {
            return clicks;
        }

        var url = $"{DemoNames.Site}{path}?utm_source=sendgrid&utm_medium=email&utm_campaign={Uri.EscapeDataString(campaign)}";
        foreach (var contact in audience)
        {
            var delivered = sentAt.AddSeconds(random.Next(5, 900));
            if (random.Chance(0.02))
            {
                traffic.Email(contact, delivered, "bounce", campaign, category);
                continue;
            }

            traffic.Email(contact, delivered, "delivered", campaign, category);
            // Apple Mail's privacy protection fetches every message's images at once: a machine's open, no person's.
            if (HashOf(contact) % 10 < 3)
            {
                traffic.Email(contact, delivered.AddMinutes(reports.Uniform(1, 20)), "machine_open", campaign, category);
            }

            if (reports.Chance(0.0005))
            {
                traffic.Email(contact, delivered.AddHours(reports.Uniform(1, 48)), "spamreport", campaign, category);
            }
            var surge = contact.Account.SurgeFrom is int from && calendar.IndexOf(delivered) >= from ? 2.0 : 1.0;
            if (!random.Chance(Math.Min(0.8, 0.21 * contact.Responsiveness * surge)))
            {
                continue;
            }

            var opened = delivered.AddMinutes(random.Chance(0.6) ? random.Uniform(1, 240) : random.Uniform(240, 4000));
            if (!calendar.Contains(opened))
            {
                continue;
            }

            traffic.Email(contact, opened, "open", campaign, category);
            if (reports.Chance(0.004))
            {
                traffic.Email(contact, opened.AddMinutes(reports.Uniform(1, 10)), "unsubscribe", campaign, category);
            }

            if (random.Chance(0.2))
            {
                var again = opened.AddHours(random.Uniform(1, 72));
                if (calendar.Contains(again))
                {
                    traffic.Email(contact, again, "open", campaign, category);
                }
            }

            if (random.Chance(Math.Min(0.5, 0.13 * contact.Responsiveness * surge)))
            {
                var clicked = opened.AddSeconds(random.Next(5, 300));
                if (calendar.Contains(clicked))
                {
                    traffic.Email(contact, clicked, "click", campaign, category, url);
                    clicks.Add((contact, clicked));
                    // The click lands on the site: a page view, anonymous unless the browser is already known.
                    traffic.Page(DemoVisitor.Of(contact), clicked.AddSeconds(2), url, campaign, "sendgrid", "email");
                }
            }
        }

        return clicks;
    }

    private static void Invite(DemoRandom random, DemoRandom reports, DemoCalendar calendar, DemoTraffic traffic, IReadOnlyList<DemoContact> contacts, DemoLiveEvent live)
    {
        var audience = live.IsFieldEvent
            ? contacts.Where(c => c.Account.Tier == "Tier 1" && c.Responsiveness > 1.0).ToList()
            : contacts.Where(c => (c.Subscribed && random.Chance(0.5)) || (c.Account.IsTarget && random.Chance(0.08))).ToList();
        var path = live.IsFieldEvent ? "/events/" + live.Slug : "/webinars/" + live.Slug;
        var clicks = Send(random, reports, calendar, traffic, audience, live.StartsAt.AddDays(-7).AddHours(-2), "Invite - " + live.Name, "event", path);
        var url = DemoNames.Site + path;
        foreach (var (contact, clickedAt) in clicks)
        {
            if (!random.Chance(0.6))
            {
                continue;
            }

            // Registering is a form fill: from here on the website knows who this browser is.
            var registeredAt = clickedAt.AddSeconds(random.Next(40, 240));
            if (!calendar.Contains(registeredAt))
            {
                continue;
            }

            traffic.Identify(contact, registeredAt.AddMilliseconds(-200));
            traffic.Track(DemoVisitor.Of(contact), registeredAt, "web", "form_submit", live.Name, url: url,
                extra: [new("form", live.IsFieldEvent ? "Event registration" : "Webinar registration")]);
            var attendedAt = live.StartsAt.AddMinutes(random.Uniform(-5, 15));
            if (random.Chance(live.IsFieldEvent ? 0.7 : 0.48) && calendar.Contains(attendedAt))
            {
                traffic.Track(DemoVisitor.Of(contact), attendedAt, "event", "attended", live.Name,
                    live.IsFieldEvent ? "field_event" : "webinar", "event",
                    extra: [new("format", live.IsFieldEvent ? "in-person" : "webinar")]);
            }
        }
    }

    /// <summary>A stable bucket for a contact (the number in its id), so the drip reaches each person on a fixed week.</summary>
    private static int HashOf(DemoContact contact) => int.Parse(contact.Record.ContactId.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
}
