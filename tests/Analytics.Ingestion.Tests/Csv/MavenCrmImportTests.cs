using static Analytics.Ingestion.Tests.Csv.CsvTestKit;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// Maven Analytics' CRM export (shared/datasets/maven_crm_sales_opportunities), streamed through the import with only
/// its header renamed to our columns and a status appended to each line; CRLF line endings as in the file.
/// </summary>
public sealed class MavenCrmImportTests
{
    private static readonly string Folder = Datasets.PathOf("maven_crm_sales_opportunities");

    [Fact]
    public async Task The_pipeline_keeps_won_lost_and_engaging_deals_and_rejects_by_line_the_prospecting_ones_that_have_no_engage_date()
    {
        var path = Path.Combine(Folder, "sales_pipeline.csv");
        var raw = RawPipeline(path);

        var rows = await ImportAsync(CsvKind.Opportunities, new GeneratedStream(PipelineAsOpportunities(path)));

        // Our decision: an opportunity needs created_at (the contract makes it required), and a Prospecting deal has
        // no engage date to give it one, so those rows are rejected by line rather than given an invented date.
        var expected = raw.Select(r => r.Fields[5] == ""
            ? Bad(r.Line, "created_at is required but empty", string.Join(',', r.Fields) + ",open")
            : Ok(r.Line, ExpectedOpportunity(r.Fields))).ToList();
        Assert.Equal(expected, rows);

        // The quirks as the README counts them, counted here from the raw file.
        var prospecting = raw.Where(r => r.Fields[4] == "Prospecting").ToList();
        Assert.Equal(500, prospecting.Count);
        Assert.Equal(prospecting.Select(r => r.Line), rows.Where(r => !r.IsAccepted).Select(r => r.Line));
        var openWithoutAccount = raw.Where(r => r.Fields[3] == "" && r.Fields[4] is "Prospecting" or "Engaging").ToList();
        Assert.Equal(1425, openWithoutAccount.Count);
        Assert.Equal(
            openWithoutAccount.Count(r => r.Fields[5] != ""),
            rows.Count(r => r.Record is OpportunityRecord { AccountId: null, Status: "open" }));
        Assert.Equal(
            (raw.Count(r => r.Fields[4] == "Won"), raw.Count(r => r.Fields[4] == "Lost"), raw.Count(r => r.Fields[4] == "Engaging")),
            (CountStatus(rows, "won"), CountStatus(rows, "lost"), CountStatus(rows, "open")));
    }

    [Fact]
    public async Task Product_and_sector_spellings_are_kept_as_the_file_has_them()
    {
        var pipeline = Path.Combine(Folder, "sales_pipeline.csv");
        var rows = await ImportAsync(CsvKind.Opportunities, new GeneratedStream(PipelineAsOpportunities(pipeline)));
        var accounts = await ImportAsync(CsvKind.Accounts, new GeneratedStream(AccountsAsAccounts(Path.Combine(Folder, "accounts.csv"))));

        // The pipeline says GTXPro where products.csv says GTX Pro, and a sector is "technolgy". The import stores what
        // a file says; reconciling names belongs to whoever maps a CRM's export to ours, not to the parser.
        var products = File.ReadAllLines(Path.Combine(Folder, "products.csv"));
        Assert.Contains(products, line => line.StartsWith("GTX Pro,", StringComparison.Ordinal));
        Assert.Equal(RawPipeline(pipeline).Count(r => r.Fields[2] == "GTXPro" && r.Fields[5] != ""), rows.Count(r => r.Record is OpportunityRecord { Type: "GTXPro" }));
        Assert.DoesNotContain(rows, r => r.Record is OpportunityRecord { Type: "GTX Pro" });

        var rawAccounts = CsvTable.RecordsOfFile(Path.Combine(Folder, "accounts.csv"), ',').Skip(1).ToList();
        Assert.Equal(rawAccounts.Select(r => Ok(r.Line, ExpectedAccount(r.Fields))), accounts);
        Assert.Equal(rawAccounts.Count(r => r.Fields[1] == "technolgy"), accounts.Count(r => r.Record is AccountRecord { Industry: "technolgy" }));
        Assert.Contains(accounts, r => r.Record is AccountRecord { Industry: "technolgy" });
    }

    /// <summary>The data lines as the plain reader splits them, after checking what makes splitting safe.</summary>
    private static List<(int Line, string[] Fields)> RawPipeline(string path)
    {
        var text = File.ReadAllText(path);
        Assert.DoesNotContain('"', text);
        Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1); // every line ends with CRLF
        var records = CsvTable.RecordsOfFile(path, ',');
        Assert.All(records, r => Assert.Equal(8, r.Fields.Length));
        return records.Skip(1).ToList();
    }

    // opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
    private static IEnumerable<string> PipelineAsOpportunities(string path) =>
        LinesWithEndings(path).Select((line, i) => KeepEnding(line, body => i == 0
            ? "opportunity_id,sales_agent,type,account_id,stage,created_at,closed_at,amount,status"
            : body + "," + Status(body.Split(',')[4])));

    // account,sector,year_established,revenue,employees,office_location,subsidiary_of
    private static IEnumerable<string> AccountsAsAccounts(string path) =>
        LinesWithEndings(path).Select((line, i) => i == 0
            ? KeepEnding(line, _ => "account_id,industry,year_established,annual_revenue,employees,country,subsidiary_of")
            : line);

    private static string Status(string dealStage) => dealStage switch
    {
        "Won" => "Won",
        "Lost" => "Lost",
        _ => "open", // Engaging, Prospecting
    };

    private static OpportunityRecord ExpectedOpportunity(string[] f) => new(
        f[0], NullIfEmpty(f[3]), Day(f[5]), f[6] == "" ? null : Day(f[6]), Status(f[4]).ToLowerInvariant(), f[4],
        f[7] == "" ? null : decimal.Parse(f[7], CultureInfo.InvariantCulture), f[2]);

    private static AccountRecord ExpectedAccount(string[] f) => new(
        f[0], Industry: f[1], AnnualRevenue: decimal.Parse(f[3], CultureInfo.InvariantCulture),
        Employees: uint.Parse(f[4], CultureInfo.InvariantCulture), Country: f[5]);

    private static DateTime Day(string iso) => DateTime.SpecifyKind(DateTime.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string? NullIfEmpty(string value) => value == "" ? null : value;

    private static int CountStatus(List<CsvImportRow> rows, string status) => rows.Count(r => r.Record is OpportunityRecord o && o.Status == status);
}
