using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>accounts</c>: CRM accounts; a later row with the same id replaces the earlier (in storage).</summary>
internal static class AccountRows
{
    public static readonly CsvSchema Schema = new(
        ["account_id", "name", "domain", "industry", "employees", "annual_revenue", "country", "tier", "owner"],
        Required: ["account_id"],
        AnyOf: [],
        Map);

    private static AccountRecord Map(CsvFields row) => new(
        row.RequiredText("account_id"),
        row.Text("name"),
        row.Domain("domain"),
        row.Text("industry"),
        (uint?)row.Count("employees", uint.MaxValue),
        row.Amount("annual_revenue"),
        row.Text("country"),
        row.Text("tier"),
        row.Text("owner"));
}
