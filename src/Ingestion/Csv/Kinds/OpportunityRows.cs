using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>opportunities</c>: open, won or lost; a closed one has its close date, never before its creation.</summary>
internal static class OpportunityRows
{
    private static readonly string[] Statuses = ["open", "won", "lost"];

    public static readonly CsvSchema Schema = new(
        ["opportunity_id", "account_id", "created_at", "closed_at", "status", "stage", "amount", "type"],
        Required: ["opportunity_id", "created_at", "status"],
        AnyOf: [],
        Map);

    private static OpportunityRecord Map(CsvFields row)
    {
        var id = row.RequiredText("opportunity_id");
        var createdAt = row.RequiredTime("created_at");
        var closedAt = row.Time("closed_at");
        var status = row.RequiredOneOf("status", Statuses);
        if (status != "open" && closedAt is null)
        {
            throw new CsvRowException($"closed_at is required but empty: the status is {status}");
        }

        if (closedAt < createdAt)
        {
            throw new CsvRowException($"closed_at {row.Text("closed_at")} is before created_at {row.Text("created_at")}");
        }

        return new OpportunityRecord(id, row.Text("account_id"), createdAt, closedAt, status, row.Text("stage"), row.Amount("amount"), row.Text("type"));
    }
}
