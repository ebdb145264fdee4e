using System.Globalization;
using Analytics.Demo.Wire;
using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>
/// Generates the demo data set: a believable B2B software company's last twelve months before a given "now",
/// deterministic for a seed. The clock is never read: the same seed, scale and "now" give the same bytes.
/// </summary>
public static class DemoCompany
{
    /// <summary>Generates the year that ends at <paramref name="now"/>.</summary>
    public static DemoDataSet Generate(DateTimeOffset now, DemoOptions? options = null)
    {
        options ??= DemoOptions.Default;
        if (options.Scale is <= 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be above 0 and at most 20.");
        }

        var seed = options.Seed;
        var calendar = new DemoCalendar(now);

        // Order matters: engagement depends on the pipeline (accounts read more around a deal), surveys on wins.
        var accounts = DemoAccounts.Generate(seed, options.Scale);
        var contacts = DemoContacts.Generate(seed, accounts);
        DemoSurges.Mark(seed, accounts);
        var opportunities = DemoPipeline.Generate(seed, calendar, accounts);
        var ads = DemoCampaigns.Ads(calendar);
        var traffic = new DemoTraffic();
        DemoEmail.Generate(seed, calendar, contacts, traffic);
        DemoWeb.Generate(seed, options.Scale, calendar, accounts, ads, traffic);
        DemoAds.Impressions(seed, calendar, accounts, ads, traffic);
        var surveys = DemoSurveys.Generate(seed, calendar, accounts);
        var adPerformance = DemoAds.Performance(seed, options.Scale, calendar, ads);

        var messages = Number(seed, traffic.Messages);
        var records = new
        {
            Accounts = accounts.Select(a => a.Record).ToList(),
            Targets = accounts.SelectMany(a => a.Lists.Select(l => new TargetListMember(l, a.Id))).ToList(),
            Contacts = contacts.Select(c => c.Record).ToList(),
            Opportunities = opportunities.OrderBy(o => o.OpportunityId, StringComparer.Ordinal).ToList(),
            Surveys = surveys.OrderBy(s => s.RespondedAt).ToList(),
        };
        return new DemoDataSet
        {
            Now = now,
            WindowStart = calendar.Start,
            Accounts = records.Accounts,
            TargetAccounts = records.Targets,
            Contacts = records.Contacts,
            Opportunities = records.Opportunities,
            SurveyResponses = records.Surveys,
            AdPerformance = adPerformance,
            Messages = messages,
            CsvFiles =
            [
                DemoCsv.Accounts(records.Accounts),
                DemoCsv.TargetAccounts(records.Targets),
                DemoCsv.Contacts(records.Contacts),
                DemoCsv.Opportunities(records.Opportunities),
                DemoCsv.SurveyResponses(records.Surveys),
                DemoCsv.AdPerformance(adPerformance),
            ],
            SegmentBatches = SegmentWriter.Batches(messages.Where(m => m.Kind != DemoMessageKind.Email)),
            SendGridBatches = SendGridWriter.Batches(messages.Where(m => m.Kind == DemoMessageKind.Email)),
        };
    }

    /// <summary>Puts messages in time order and gives each its stable id; the seed is in the id so two seeds never collide.</summary>
    private static List<DemoMessage> Number(int seed, List<DemoMessage> messages)
    {
        var prefix = "demo" + seed.ToString(CultureInfo.InvariantCulture);
        var segment = 0;
        var email = 0;
        // OrderBy is stable, so messages at the same instant keep the order the generator made them in.
        return messages.OrderBy(m => m.Timestamp).Select(m => m with
        {
            MessageId = m.Kind == DemoMessageKind.Email
                ? $"{prefix}-e{++email:D7}"
                : $"{prefix}-s{++segment:D7}",
        }).ToList();
    }
}
