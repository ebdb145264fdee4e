using static Analytics.Ingestion.Tests.Csv.CsvTestKit;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>The rules of docs/contract.md's CSV table, kind by kind: what is accepted as what, and what is rejected and why.</summary>
public sealed class CsvKindRulesTests
{
    [Fact]
    public async Task A_quarter_of_pipeline_imports_as_open_won_and_lost_deals_with_their_dates_in_utc()
    {
        var rows = await ImportAsync(CsvKind.Opportunities, """
            opportunity_id,account_id,created_at,closed_at,status,stage,amount,type
            o-1,acme,2024-01-08,,Open,Discovery,12000,new business
            o-2,acme,2024-01-08T09:30:00+02:00,2024-03-01T17:00:00Z,WON,Closed Won,48000.50,expansion
            o-3,,2024-02-01 10:00:00,2024-02-01 10:00:00,lost,,,
            """);

        Assert.Equal(
        [
            Ok(2, new OpportunityRecord("o-1", "acme", Utc("2024-01-08T00:00:00Z"), null, "open", "Discovery", 12000m, "new business")),
            Ok(3, new OpportunityRecord("o-2", "acme", Utc("2024-01-08T07:30:00Z"), Utc("2024-03-01T17:00:00Z"), "won", "Closed Won", 48000.50m, "expansion")),
            Ok(4, new OpportunityRecord("o-3", null, Utc("2024-02-01T10:00:00Z"), Utc("2024-02-01T10:00:00Z"), "lost")),
        ], rows);
        Assert.All(rows, row => Assert.Equal(DateTimeKind.Utc, ((OpportunityRecord)row.Record!).CreatedAt.Kind));
    }

    [Theory]
    [InlineData("o-9,acme,2017-02-03,2017-01-01,won,,,", "closed_at 2017-01-01 is before created_at 2017-02-03")]
    [InlineData("o-9,acme,2017-02-03T10:00:00Z,2017-02-03T11:00:00+02:00,lost,,,", "closed_at 2017-02-03T11:00:00+02:00 is before created_at 2017-02-03T10:00:00Z")]
    [InlineData("o-9,acme,2017-02-03,,won,,,", "closed_at is required but empty: the status is won")]
    [InlineData("o-9,acme,2017-02-03,,LOST,,,", "closed_at is required but empty: the status is lost")]
    [InlineData("o-9,acme,2017-02-03,,pending,,,", "status pending is not one of open, won, lost")]
    [InlineData("o-9,acme,2017-02-03,,,,,", "status is required but empty")]
    [InlineData("o-9,acme,,,open,,,", "created_at is required but empty")]
    [InlineData(",acme,2017-02-03,,open,,,", "opportunity_id is required but empty")]
    [InlineData("o-9,acme,03/02/2017,,open,,,", "created_at 03/02/2017 is not an ISO-8601 date or time (e.g. 2024-03-01 or 2024-03-01T09:30:00Z)")]
    [InlineData("o-9,acme,2017-02-30,,open,,,", "created_at 2017-02-30 is not an ISO-8601 date or time (e.g. 2024-03-01 or 2024-03-01T09:30:00Z)")]
    [InlineData("o-9,acme,2017-02-03,,open,,\"1,000\",", "amount 1,000 is not a number (digits with an optional decimal point, e.g. 1250.50)")]
    [InlineData("o-9,acme,2017-02-03,,open,,-5,", "amount -5 is negative")]
    [InlineData("o-9,acme,2017-02-03,,open,,10000000000000000,", "amount 10000000000000000 is too large (at most 16 digits before the decimal point)")]
    [InlineData("o-9,acme,1899-12-31T23:59:59Z,,open,,,", "created_at 1899-12-31T23:59:59Z is outside the supported range 1970-01-01 to 2100-01-01")]
    [InlineData("o-9,acme,1969-12-31T23:59:59.999Z,,open,,,", "created_at 1969-12-31T23:59:59.999Z is outside the supported range 1970-01-01 to 2100-01-01")]
    [InlineData("o-9,acme,2017-02-03,2100-01-01,won,,,", "closed_at 2100-01-01 is outside the supported range 1970-01-01 to 2100-01-01")]
    [InlineData("o-9,acme,2017-02-03,2300-01-01,won,,,", "closed_at 2300-01-01 is outside the supported range 1970-01-01 to 2100-01-01")]
    public async Task An_opportunity_breaking_a_rule_is_rejected_naming_the_column_and_value(string row, string message)
    {
        var rows = await ImportAsync(CsvKind.Opportunities, $"opportunity_id,account_id,created_at,closed_at,status,stage,amount,type\n{row}\n");

        Assert.Equal([Bad(2, message, row)], rows);
    }

    [Theory]
    [InlineData("2024-03-01", "2024-03-01T00:00:00Z")]
    [InlineData("2024-03-01T09:30Z", "2024-03-01T09:30:00Z")]
    [InlineData("2024-03-01T09:30:00", "2024-03-01T09:30:00Z")]
    [InlineData("2024-03-01T09:30:00.125-05:00", "2024-03-01T14:30:00.125Z")]
    [InlineData("2024-03-01T01:00:00+0200", "2024-02-29T23:00:00Z")]
    [InlineData("2024-03-01 09:30:00", "2024-03-01T09:30:00Z")]
    public async Task Times_are_iso_8601_a_date_alone_is_midnight_utc_and_an_offset_is_honoured(string timestamp, string utc)
    {
        var rows = await ImportAsync(CsvKind.Events, $"timestamp,channel,type,account_id,event_id\n{timestamp},web,page_view,acme,e-1\n");

        var time = Assert.IsType<EngagementEvent>(Assert.Single(rows).Record).Timestamp;
        Assert.Equal((Utc(utc), DateTimeKind.Utc), (time, time.Kind));
    }

    [Fact]
    public async Task Events_map_their_columns_lower_case_channel_and_email_and_need_someone_to_belong_to()
    {
        var rows = await ImportAsync(CsvKind.Events, """
            event_id,timestamp,channel,type,account_id,contact_email,anonymous_id,campaign,source,url
            e-1,2024-03-01T09:00:00Z,Email,email_open,, Jane.Doe@Example.COM ,,spring-launch,sendgrid,
            e-2,2024-03-01T09:05:00Z,web,page_view,,,anon-7,,google,https://example.com/pricing
            e-3,2024-03-01T09:10:00Z,tv,spot,acme,,,,,
            e-4,2024-03-01T09:15:00Z,web,page_view,,,,,,https://example.com/
            e-5,2024-03-01T09:20:00Z,email,click,,jane,,,,
            """);

        Assert.Equal(
        [
            Ok(2, new EngagementEvent("e-1", Utc("2024-03-01T09:00:00Z"), "email", "email_open", ContactEmail: "jane.doe@example.com", Campaign: "spring-launch", Source: "sendgrid")),
            Ok(3, new EngagementEvent("e-2", Utc("2024-03-01T09:05:00Z"), "web", "page_view", AnonymousId: "anon-7", Source: "google", Url: "https://example.com/pricing")),
            Bad(4, "channel tv is not one of ad, email, event, other, web", "e-3,2024-03-01T09:10:00Z,tv,spot,acme,,,,,"),
            Bad(5, "account_id, contact_email and anonymous_id are all empty; one is required", "e-4,2024-03-01T09:15:00Z,web,page_view,,,,,,https://example.com/"),
            Bad(6, "contact_email jane is not an email address", "e-5,2024-03-01T09:20:00Z,email,click,,jane,,,,"),
        ], rows);
    }

    [Theory]
    [InlineData("nps", "0", 0)]
    [InlineData("NPS", "10", 10)]
    [InlineData("nps", "9.0", 9)]
    [InlineData("csat", "1", 1)]
    [InlineData("Csat", "5", 5)]
    public async Task Survey_scores_within_their_scale_are_accepted(string survey, string score, byte expected)
    {
        var rows = await ImportAsync(CsvKind.SurveyResponses, $"response_id,survey,responded_at,score\nr-1,{survey},2024-03-01,{score}\n");

        Assert.Equal([Ok(2, new SurveyResponseRecord("r-1", survey.ToLowerInvariant(), Utc("2024-03-01T00:00:00Z"), expected))], rows);
    }

    [Theory]
    [InlineData("nps", "11", "score 11 is outside 0–10, the scale of nps scores")]
    [InlineData("nps", "-1", "score -1 is negative")]
    [InlineData("nps", "7.5", "score 7.5 is not a whole number")]
    [InlineData("nps", "NA", "score NA is not a whole number")]
    [InlineData("nps", "", "score is required but empty")]
    [InlineData("csat", "0", "score 0 is outside 1–5, the scale of csat scores")]
    [InlineData("csat", "6", "score 6 is outside 1–5, the scale of csat scores")]
    [InlineData("ces", "3", "survey ces is not one of nps, csat")]
    public async Task Survey_scores_off_their_scale_are_rejected(string survey, string score, string message)
    {
        var rows = await ImportAsync(CsvKind.SurveyResponses, $"response_id,survey,responded_at,score\nr-1,{survey},2024-03-01,{score}\n");

        Assert.Equal([Bad(2, message, $"r-1,{survey},2024-03-01,{score}")], rows);
    }

    [Fact]
    public async Task Contacts_need_an_id_or_an_email_and_one_without_an_id_is_known_by_its_email()
    {
        var rows = await ImportAsync(CsvKind.Contacts, """
            contact_id,email,account_id,name,title
            c-1,,acme,Jane Doe,CTO
            ,Bob@Initech.com,initech,Bob,
            ,bob@initech.com ,initech,Bob,Head of IT
            ,,acme,Nobody,
            """);

        var bobId = rows[1].Record is ContactRecord bob ? bob.ContactId : "";
        Assert.Equal(
        [
            Ok(2, new ContactRecord("c-1", AccountId: "acme", Name: "Jane Doe", Title: "CTO")),
            Ok(3, new ContactRecord(bobId, "bob@initech.com", "initech", "Bob")),
            Ok(4, new ContactRecord(bobId, "bob@initech.com", "initech", "Bob", "Head of IT")),
            Bad(5, "contact_id and email are both empty; one is required", ",,acme,Nobody,"),
        ], rows);
        Assert.Matches("^[0-9a-f]{32}$", bobId);
    }

    [Fact]
    public async Task Accounts_read_numbers_in_invariant_culture_and_normalize_domains()
    {
        var rows = await ImportAsync(CsvKind.Accounts, """
            account_id,name,domain,industry,employees,annual_revenue,country,tier,owner
            acme,Acme,https://www.Acme.com/about,Software,2822,1100.04,United States,1,Dana
            initech,Initech,initech.io,,12.0,,,,
            globex,Globex,globex.com,,12.5,,,,
            hooli,Hooli,hooli.com,,,"1,5",,,
            """);

        Assert.Equal(
        [
            Ok(2, new AccountRecord("acme", "Acme", "acme.com", "Software", 2822, 1100.04m, "United States", "1", "Dana")),
            Ok(3, new AccountRecord("initech", "Initech", "initech.io", Employees: 12)),
            Bad(4, "employees 12.5 is not a whole number", "globex,Globex,globex.com,,12.5,,,,"),
            Bad(5, "annual_revenue 1,5 is not a number (digits with an optional decimal point, e.g. 1250.50)", "hooli,Hooli,hooli.com,,,\"1,5\",,,"),
        ], rows);
    }

    [Fact]
    public async Task Target_accounts_and_ad_performance_read_their_columns()
    {
        var targets = await ImportAsync(CsvKind.TargetAccounts, "list,account_id\nabm-2024,acme\n,initech\n");
        var ads = await ImportAsync(CsvKind.AdPerformance, """
            date,campaign,platform,account_id,account_domain,impressions,clicks,spend
            2024-03-01,spring-launch,linkedin,acme,www.acme.com,1200,14,83.20
            2024-03-02,spring-launch,,,,,,
            2024-03-03T00:00:00Z,spring-launch,,,,,,
            1969-12-31,spring-launch,,,,,,
            2100-01-01,spring-launch,,,,,,
            2099-12-31,spring-launch,,,,,,
            """);

        Assert.Equal([Ok(2, new TargetListMember("abm-2024", "acme")), Bad(3, "list is required but empty", ",initech")], targets);
        Assert.Equal(
        [
            Ok(2, new AdPerformanceRecord(new DateOnly(2024, 3, 1), "spring-launch", "linkedin", "acme", "acme.com", 1200, 14, 83.20m)),
            Ok(3, new AdPerformanceRecord(new DateOnly(2024, 3, 2), "spring-launch")),
            Bad(4, "date 2024-03-03T00:00:00Z is not an ISO-8601 date (e.g. 2024-03-01)", "2024-03-03T00:00:00Z,spring-launch,,,,,,"),
            Bad(5, "date 1969-12-31 is outside the supported range 1970-01-01 to 2100-01-01", "1969-12-31,spring-launch,,,,,,"),
            Bad(6, "date 2100-01-01 is outside the supported range 1970-01-01 to 2100-01-01", "2100-01-01,spring-launch,,,,,,"),
            Ok(7, new AdPerformanceRecord(new DateOnly(2099, 12, 31), "spring-launch")),
        ], ads);
    }
}
