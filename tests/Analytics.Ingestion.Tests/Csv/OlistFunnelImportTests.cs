using static Analytics.Ingestion.Tests.Csv.CsvTestKit;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// Olist's marketing funnel (shared/datasets/olist_marketing_funnel): leads imported as events, closed deals as won
/// opportunities created at their lead's first contact. The files stream through with their header renamed and, where
/// our kind needs a column they lack, a value appended to each line.
/// </summary>
public sealed class OlistFunnelImportTests
{
    private static readonly string Leads = Datasets.PathOf("olist_marketing_funnel/olist_marketing_qualified_leads_dataset.csv");
    private static readonly string Deals = Datasets.PathOf("olist_marketing_funnel/olist_closed_deals_dataset.csv");

    [Fact]
    public async Task Leads_import_as_events_keeping_unknown_origin_apart_from_an_empty_one()
    {
        var raw = CsvTable.RecordsOfFile(Leads, ',').Skip(1).ToList();

        // mql_id,first_contact_date,landing_page_id,origin
        var rows = await ImportAsync(CsvKind.Events, new GeneratedStream(LinesWithEndings(Leads).Select((line, i) =>
            KeepEnding(line, body => i == 0 ? "anonymous_id,timestamp,campaign,source,channel,type" : body + ",web,mql"))));

        var expected = raw.Select(r => Ok(r.Line, new EngagementEvent("", Day(r.Fields[1]), "web", "mql", AnonymousId: r.Fields[0], Campaign: r.Fields[2], Source: r.Fields[3] == "" ? null : r.Fields[3])));
        Assert.Equal(expected, rows.Select(r => Ok(r.Line, ((EngagementEvent)r.Record!) with { EventId = "" })));
        Assert.Equal(raw.Count, rows.Select(r => ((EngagementEvent)r.Record!).EventId).Distinct().Count());

        // 'unknown' is a value someone recorded; an empty cell is no value. They stay apart.
        Assert.Equal(
            (60, raw.Count(r => r.Fields[3] == "unknown")),
            (rows.Count(r => r.Record is EngagementEvent { Source: null }), rows.Count(r => r.Record is EngagementEvent { Source: "unknown" })));
        Assert.Equal(60, raw.Count(r => r.Fields[3] == ""));
        Assert.InRange(raw.Count(r => r.Fields[3] == "unknown"), 1, raw.Count);
    }

    [Fact]
    public async Task The_deal_won_before_its_first_contact_is_rejected_by_line_and_every_other_deal_is_kept_zero_revenue_included()
    {
        var firstContact = CsvTable.RecordsOfFile(Leads, ',').Skip(1).ToDictionary(r => r.Fields[0], r => r.Fields[1]);
        var raw = CsvTable.RecordsOfFile(Deals, ',').Skip(1).ToList();

        // mql_id,seller_id,sdr_id,sr_id,won_date,business_segment,lead_type,lead_behaviour_profile,has_company,has_gtin,
        // average_stock,business_type,declared_product_catalog_size,declared_monthly_revenue (+ created_at,status)
        var rows = await ImportAsync(CsvKind.Opportunities, new GeneratedStream(LinesWithEndings(Deals).Select((line, i) =>
            KeepEnding(line, body => i == 0
                ? "opportunity_id,seller_id,sdr_id,sr_id,closed_at,stage,type,lead_behaviour_profile,has_company,has_gtin,average_stock,business_type,declared_product_catalog_size,amount,created_at,status"
                : $"{body},{firstContact[body[..body.IndexOf(',')]]},won"))));

        // Compared as plain strings: ISO dates sort as text, and a won_date carries a time the first contact lacks.
        var wonEarly = raw.Where(r => string.CompareOrdinal(r.Fields[4][..10], firstContact[r.Fields[0]]) < 0).ToList();
        var deal = Assert.Single(wonEarly);
        var expected = raw.Select(r => r == deal
            ? Bad(r.Line, $"closed_at {r.Fields[4]} is before created_at {firstContact[r.Fields[0]]}", Raw(Deals, r.Line) + $",{firstContact[r.Fields[0]]},won")
            : Ok(r.Line, new OpportunityRecord(r.Fields[0], null, Day(firstContact[r.Fields[0]]), Time(r.Fields[4]), "won",
                NullIfEmpty(r.Fields[5]), decimal.Parse(r.Fields[13], CultureInfo.InvariantCulture), NullIfEmpty(r.Fields[6]))));
        Assert.Equal(expected, rows);
        Assert.Equal("closed_at 2018-03-06 19:38:55 is before created_at 2018-03-08", rows.Single(r => !r.IsAccepted).Error!.Message);

        // Most deals declare a monthly revenue of zero: a zero is kept as an amount of 0, never taken for "no amount".
        var zeros = rows.Count(r => r.Record is OpportunityRecord { Amount: 0m });
        Assert.Equal(raw.Count(r => r != deal && decimal.Parse(r.Fields[13], CultureInfo.InvariantCulture) == 0), zeros);
        Assert.True(zeros > raw.Count / 2);
    }

    private static string Raw(string path, int line) => File.ReadLines(path).ElementAt(line - 1);

    private static DateTime Day(string iso) => DateTime.SpecifyKind(DateTime.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static DateTime Time(string iso) => DateTime.SpecifyKind(DateTime.ParseExact(iso, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string? NullIfEmpty(string value) => value == "" ? null : value;
}
