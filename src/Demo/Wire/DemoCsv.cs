using System.Globalization;
using Analytics.Ingestion.Records;

namespace Analytics.Demo.Wire;

/// <summary>The CSV import files of the demo, one per kind, with the columns of docs/contract.md in its order.</summary>
internal static class DemoCsv
{
    public static DemoCsvFile Accounts(IEnumerable<AccountRecord> accounts)
    {
        var csv = new CsvText("account_id", "name", "domain", "industry", "employees", "annual_revenue", "country", "tier", "owner");
        foreach (var a in accounts)
        {
            csv.Row(a.AccountId, a.Name, a.Domain, a.Industry, a.Employees?.ToString(CultureInfo.InvariantCulture),
                CsvText.Number(a.AnnualRevenue), a.Country, a.Tier, a.Owner);
        }

        return new DemoCsvFile("accounts", csv.Header, csv.ToString(), csv.Rows);
    }

    public static DemoCsvFile TargetAccounts(IEnumerable<TargetListMember> members)
    {
        var csv = new CsvText("list", "account_id");
        foreach (var m in members)
        {
            csv.Row(m.List, m.AccountId);
        }

        return new DemoCsvFile("target-accounts", csv.Header, csv.ToString(), csv.Rows);
    }

    public static DemoCsvFile Contacts(IEnumerable<ContactRecord> contacts)
    {
        var csv = new CsvText("contact_id", "email", "account_id", "name", "title");
        foreach (var c in contacts)
        {
            csv.Row(c.ContactId, c.Email, c.AccountId, c.Name, c.Title);
        }

        return new DemoCsvFile("contacts", csv.Header, csv.ToString(), csv.Rows);
    }

    public static DemoCsvFile Opportunities(IEnumerable<OpportunityRecord> opportunities)
    {
        var csv = new CsvText("opportunity_id", "account_id", "created_at", "closed_at", "status", "stage", "amount", "type");
        foreach (var o in opportunities)
        {
            csv.Row(o.OpportunityId, o.AccountId, CsvText.Time(o.CreatedAt), o.ClosedAt is { } c ? CsvText.Time(c) : null,
                o.Status, o.Stage, CsvText.Number(o.Amount), o.Type);
        }

        return new DemoCsvFile("opportunities", csv.Header, csv.ToString(), csv.Rows);
    }

    public static DemoCsvFile SurveyResponses(IEnumerable<SurveyResponseRecord> responses)
    {
        var csv = new CsvText("response_id", "survey", "responded_at", "score", "comment", "account_id", "contact_email", "segment");
        foreach (var r in responses)
        {
            csv.Row(r.ResponseId, r.Survey, CsvText.Time(r.RespondedAt), r.Score.ToString(CultureInfo.InvariantCulture), r.Comment,
                r.AccountId, r.ContactEmail, r.Segment);
        }

        return new DemoCsvFile("survey-responses", csv.Header, csv.ToString(), csv.Rows);
    }

    public static DemoCsvFile AdPerformance(IEnumerable<AdPerformanceRecord> rows)
    {
        var csv = new CsvText("date", "campaign", "platform", "account_id", "account_domain", "impressions", "clicks", "spend");
        foreach (var r in rows)
        {
            csv.Row(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Campaign, r.Platform, r.AccountId, r.AccountDomain,
                CsvText.Number(r.Impressions), CsvText.Number(r.Clicks), r.Spend.ToString("0.00", CultureInfo.InvariantCulture));
        }

        return new DemoCsvFile("ad-performance", csv.Header, csv.ToString(), csv.Rows);
    }
}
