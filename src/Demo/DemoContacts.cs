using System.Globalization;
using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// The buying committee of each account: names, titles, and emails on the account's domain, with a few people who
/// signed up with a free-mail address (so only the contact list, not the domain, ties them to their company).
/// </summary>
internal static class DemoContacts
{
    public static List<DemoContact> Generate(int seed, IReadOnlyList<DemoAccount> accounts)
    {
        var random = DemoRandom.For(seed, "contacts");
        var titles = DemoNames.Titles.Select(t => (t.Title, t.Weight)).ToList();
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var contacts = new List<DemoContact>();
        foreach (var account in accounts)
        {
            var count = account.Tier switch
            {
                "Tier 1" => random.Next(8, 21),
                "Tier 2" => random.Next(4, 11),
                "Tier 3" => random.Next(2, 6),
                _ => random.Next(1, 5),
            };
            for (var i = 0; i < count; i++)
            {
                var first = random.Pick(DemoNames.FirstNames);
                var last = random.Pick(DemoNames.LastNames);
                var email = UniqueEmail(random, first, last, account.Domain, emails);
                var id = "ct_" + (contacts.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
                var record = new ContactRecord(id, email, account.Id, first + " " + last, random.PickWeighted(titles));
                var contact = new DemoContact
                {
                    Record = record,
                    Account = account,
                    AnonymousId = random.NextGuid().ToString(),
                    Subscribed = random.Chance(0.25),
                    Responsiveness = random.LogNormal(0.6),
                    KnownBefore = random.Chance(account.IsCustomer ? 0.5 : 0.15),
                };
                account.Contacts.Add(contact);
                contacts.Add(contact);
            }
        }

        return contacts;
    }

    private static string UniqueEmail(DemoRandom random, string first, string last, string domain, HashSet<string> taken)
    {
        var f = Ascii(first);
        var l = Ascii(last);
        var freeMail = random.Chance(0.06);
        var host = freeMail ? random.Pick(DemoNames.FreeMailDomains) : domain;
        var local = freeMail
            ? $"{f}.{l}{random.Next(10, 99)}"
            : random.PickWeighted<string>([($"{f}.{l}", 6), ($"{f[0]}{l}", 3), (f, 1)]);
        for (var n = 2; ; n++)
        {
            var email = $"{local}@{host}";
            if (taken.Add(email))
            {
                return email;
            }

            local = $"{f}.{l}{n}";
        }
    }

    /// <summary>Email-safe letters: "Müller" becomes "muller", "O'Brien" becomes "obrien", "de Vries" becomes "devries".</summary>
    private static string Ascii(string name)
    {
        // TRICKY: string.Normalize is unavailable under InvariantGlobalization, so the few accents in the lists are mapped by hand.
        var folded = name.ToLowerInvariant().Replace('ü', 'u').Replace('ö', 'o').Replace('ä', 'a').Replace('è', 'e').Replace('é', 'e');
        return new string(folded.Where(c => c is >= 'a' and <= 'z').ToArray());
    }
}
