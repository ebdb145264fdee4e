using Analytics.Metrics.Velocity;

namespace Analytics.Metrics.Tests.Datasets;

/// <summary>
/// Olist's marketing funnel (8,000 marketing-qualified leads of a Brazilian marketplace and the 842 deals closed from
/// them) mapped onto accounts, events and opportunities: each lead is an account whose landing-page form fill is a
/// web form_submit (10 points: engaged), each closed deal a won opportunity created at the lead's first contact with
/// the declared monthly revenue as its amount. Loaded through the CSV importer and the batch writer, and measured by the
/// funnel (grouped by the lead's origin, the first touch's source) and sales velocity against figures computed here
/// from the raw files.
/// </summary>
public sealed class OlistFunnelTests
{
    private static readonly string Folder = Analytics.Testing.Datasets.PathOf("olist_marketing_funnel");
    private static readonly DateWindow Window = new(new DateOnly(2017, 6, 1), new DateOnly(2018, 12, 1));

    [Fact]
    public async Task Funnel_by_origin_and_sales_velocity_of_the_Olist_leads_match_the_raw_files()
    {
        var leads = await ReadAsync("olist_marketing_qualified_leads_dataset.csv");
        var deals = await ReadAsync("olist_closed_deals_dataset.csv");
        var firstContact = leads.ToDictionary(l => l["mql_id"], l => DateOnly.ParseExact(l["first_contact_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        await using var db = await MetricsDatabase.CreateAsync(nameof(OlistFunnelTests));

        Assert.Empty(await DatasetLoader.ImportAsync(db.Gateway, CsvKind.Accounts, Csv(["account_id", "name"], leads.Select(l => new[] { l["mql_id"], l["mql_id"] }))));
        Assert.Empty(await DatasetLoader.ImportAsync(db.Gateway, CsvKind.Events, Csv(
            ["event_id", "timestamp", "channel", "type", "account_id", "campaign", "source", "url"],
            leads.Select(l => new[] { $"mql-{l["mql_id"]}", l["first_contact_date"], "web", "form_submit", l["mql_id"], l["landing_page_id"], l["origin"], $"https://olist.example/lp/{l["landing_page_id"]}" }))));
        var rejected = await DatasetLoader.ImportAsync(db.Gateway, CsvKind.Opportunities, Csv(
            ["opportunity_id", "account_id", "created_at", "closed_at", "status", "amount", "type"],
            deals.Select(d => new[] { d["mql_id"], d["mql_id"], CreatedAt(d), d["won_date"], "won", d["declared_monthly_revenue"], d["lead_type"] })));
        string CreatedAt(Dictionary<string, string> deal) => firstContact[deal["mql_id"]].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The one deal won before its lead's first contact is refused (line 2 + its index); every other deal is kept.
        var wonEarly = deals.Index().Where(d => DateOnly.FromDateTime(WonAt(d.Item)) < firstContact[d.Item["mql_id"]]).ToList();
        Assert.Equal(wonEarly.Select(d => d.Index + 2), rejected);
        var kept = deals.Where(d => DateOnly.FromDateTime(WonAt(d)) >= firstContact[d["mql_id"]]).ToList();
        Assert.Equal(841, kept.Count);

        var funnel = await new FunnelQuery(db.Gateway, db.Models).RunAsync(new FunnelRequest(Window, GroupBy: FunnelGroupBy.FirstTouchSource), default);

        // Expected from the raw files: every lead is a target and, its form fill falling in the window, engaged; it
        // reaches Opportunity with a kept deal created (first contact) in the window, Won with the deal won in it.
        var origin = leads.ToDictionary(x => x["mql_id"], x => x["origin"] == "" ? null : x["origin"]);
        var engaged = leads.Where(x => InWindow(firstContact[x["mql_id"]])).Select(x => x["mql_id"]).ToHashSet();
        var opened = kept.Where(d => engaged.Contains(d["mql_id"])).ToList();
        var won = opened.Where(d => InWindow(DateOnly.FromDateTime(WonAt(d)))).ToList();
        Assert.Equal(Stages(leads.Count, engaged.Count, opened.Count, won.Count), funnel.Stages);
        Assert.Equal((8000, 8000, 841), (leads.Count, engaged.Count, opened.Count));

        var expectedGroups = leads.GroupBy(x => origin[x["mql_id"]])
            .ToDictionary(g => g.Key ?? "(null)", g => Stages(
                g.Count(), g.Count(x => engaged.Contains(x["mql_id"])),
                opened.Count(d => origin[d["mql_id"]] == g.Key), won.Count(d => origin[d["mql_id"]] == g.Key)));
        Assert.Equal(expectedGroups, funnel.Groups.ToDictionary(g => g.Key ?? "(null)", g => g.Stages));
        Assert.Equal(60, expectedGroups["(null)"][0].Accounts);
        Assert.True(expectedGroups.ContainsKey("unknown"));

        var velocity = await new SalesVelocityQuery(db.Gateway).RunAsync(new(Window), default);
        var closedWon = kept.Where(d => InWindow(DateOnly.FromDateTime(WonAt(d)))).ToList();
        var days = closedWon.Select(d => (WonAt(d) - firstContact[d["mql_id"]].ToDateTime(TimeOnly.MinValue)).TotalDays).Order().ToList();
        Assert.Equal((closedWon.Count, 0, 0), ((int)velocity.Figures.Won, (int)velocity.Figures.Lost, (int)velocity.Figures.Open));
        Assert.Equal(1.0, velocity.Figures.WinRate);
        Assert.Equal(closedWon.Average(d => Amount(d)), velocity.Figures.AverageDealSize!.Value, 6);
        Assert.Equal(days.Average(), velocity.Figures.AverageDaysToClose!.Value, 6);
        Assert.Equal(841, days.Count); // odd: the median is the middle one
        Assert.Equal(days[420], velocity.Figures.MedianDaysToClose!.Value, 6);
    }

    private static bool InWindow(DateOnly day) => day >= Window.From && day < Window.To;

    private static IReadOnlyList<FunnelStage> Stages(long target, long engaged, long opportunity, long won) =>
        new FunnelCounts(target, engaged, opportunity, won).ToStages();

    private static DateTime WonAt(Dictionary<string, string> deal) =>
        DateTime.ParseExact(deal["won_date"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static double Amount(Dictionary<string, string> deal) =>
        double.Parse(deal["declared_monthly_revenue"], CultureInfo.InvariantCulture); // every deal declares one, most of them 0

    private static async Task<List<Dictionary<string, string>>> ReadAsync(string file)
    {
        await using var stream = File.OpenRead(Path.Combine(Folder, file));
        await using var reader = CsvHelper.CsvReader.Create(stream, new CsvHelper.CsvReaderOptions(), leaveOpen: false);
        await reader.ReadHeaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.Headers.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => reader.GetString(h.i)));
        }

        return rows;
    }

    // The values written hold no comma, quote or line break, so they need no quoting.
    private static string Csv(string[] header, IEnumerable<string[]> rows) => DatasetLoader.WritePlain(header, rows);
}
