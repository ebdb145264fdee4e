using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>target-accounts</c>: which accounts are on which target list.</summary>
internal static class TargetAccountRows
{
    public static readonly CsvSchema Schema = new(
        ["list", "account_id"],
        Required: ["list", "account_id"],
        AnyOf: [],
        row => new TargetListMember(row.RequiredText("list"), row.RequiredText("account_id")));
}
