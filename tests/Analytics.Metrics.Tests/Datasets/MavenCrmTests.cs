using Analytics.Metrics.Velocity;

namespace Analytics.Metrics.Tests.Datasets;

/// <summary>
/// Maven Analytics' CRM sales opportunities (8,800 deals of a computer hardware seller, 2016–2017), mapped onto the
/// import's columns, loaded through the CSV importer and the batch writer, and measured by sales velocity against
/// figures computed here straight from the raw file.
/// </summary>
public sealed class MavenCrmTests
{
    private static readonly string Folder = Analytics.Testing.Datasets.PathOf("maven_crm_sales_opportunities");

    [Fact]
    public async Task Sales_velocity_of_the_whole_Maven_pipeline_matches_the_raw_file()
    {
        var accounts = DatasetLoader.ReadPlain(Path.Combine(Folder, "accounts.csv"));
        var deals = DatasetLoader.ReadPlain(Path.Combine(Folder, "sales_pipeline.csv"));
        await using var db = await MetricsDatabase.CreateAsync(nameof(MavenCrmTests));

        Assert.Empty(await DatasetLoader.ImportAsync(db.Gateway, CsvKind.Accounts, AccountsCsv(accounts)));
        var rejected = await DatasetLoader.ImportAsync(db.Gateway, CsvKind.Opportunities, OpportunitiesCsv(deals));

        // The importer must reject exactly the deals that cannot be stored (no engage date: the Prospecting ones).
        var storable = deals.Where(d => d.Fields["engage_date"] != "").ToList();
        Assert.Equal(deals.Except(storable).Select(d => d.Line), rejected);
        Assert.Equal(500, rejected.Count);

        var window = new DateWindow(new DateOnly(2016, 10, 1), new DateOnly(2018, 1, 1));
        var result = await new SalesVelocityQuery(db.Gateway).RunAsync(new(window), default);

        var won = storable.Where(d => d.Fields["deal_stage"] == "Won").ToList();
        var lost = storable.Count(d => d.Fields["deal_stage"] == "Lost");
        var open = storable.Count(d => d.Fields["deal_stage"] is "Engaging" or "Prospecting");
        var days = won.Select(d => (double)(Date(d.Fields["close_date"]).DayNumber - Date(d.Fields["engage_date"]).DayNumber)).Order().ToList();
        var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
        var averageDeal = won.Average(d => double.Parse(d.Fields["close_value"], CultureInfo.InvariantCulture));
        var winRate = (double)won.Count / (won.Count + lost);

        // Won 4,238, lost 2,473: a win rate of 63.15%, as the data set's own summaries give.
        Assert.Equal((4238, 2473, 1589), (won.Count, lost, open));
        Assert.Equal((won.Count, lost, open), ((int)result.Figures.Won, (int)result.Figures.Lost, (int)result.Figures.Open));
        Assert.Equal(0.6315, winRate, 4);
        Assert.Equal(winRate, result.Figures.WinRate!.Value, 12);
        Assert.Equal(averageDeal, result.Figures.AverageDealSize!.Value, 6);
        Assert.Equal(days.Average(), result.Figures.AverageDaysToClose!.Value, 9);
        Assert.Equal(median, result.Figures.MedianDaysToClose);
        Assert.Equal(open * averageDeal * winRate / days.Average(), result.Figures.VelocityPerDay!.Value, 6);
        Assert.Empty(result.Groups);
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string AccountsCsv(List<(int Line, Dictionary<string, string> Fields)> rows) => DatasetLoader.WritePlain(
        ["account_id", "industry", "employees", "annual_revenue", "country"],
        rows.Select(r => new[] { r.Fields["account"], r.Fields["sector"], r.Fields["employees"], r.Fields["revenue"], r.Fields["office_location"] }));

    private static string OpportunitiesCsv(List<(int Line, Dictionary<string, string> Fields)> rows) => DatasetLoader.WritePlain(
        ["opportunity_id", "account_id", "created_at", "closed_at", "status", "amount"],
        rows.Select(r => new[]
        {
            r.Fields["opportunity_id"], r.Fields["account"], r.Fields["engage_date"], r.Fields["close_date"],
            r.Fields["deal_stage"] switch { "Won" => "won", "Lost" => "lost", _ => "open" }, r.Fields["close_value"],
        }));
}
