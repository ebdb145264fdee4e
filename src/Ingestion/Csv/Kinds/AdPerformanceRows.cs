using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>ad-performance</c>: a campaign's daily statistics, per account when the platform reports it.</summary>
internal static class AdPerformanceRows
{
    public static readonly CsvSchema Schema = new(
        ["date", "campaign", "platform", "account_id", "account_domain", "impressions", "clicks", "spend"],
        Required: ["date", "campaign"],
        AnyOf: [],
        row => new AdPerformanceRecord(
            row.RequiredDay("date"),
            row.RequiredText("campaign"),
            row.Text("platform"),
            row.Text("account_id"),
            row.Domain("account_domain"),
            row.Count("impressions") ?? 0,
            row.Count("clicks") ?? 0,
            row.Amount("spend") ?? 0));
}
