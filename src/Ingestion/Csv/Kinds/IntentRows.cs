using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary>
/// <c>intent</c>: a provider's intent scores, one per account (or domain), topic and week (a Monday). A row with a domain
/// and no account id leaves <see cref="IntentRecord.AccountId"/> empty: the intake resolves it (IntentAccounts).
/// </summary>
internal static class IntentRows
{
    /// <summary>The highest score a provider gives.</summary>
    public const int MaxScore = 100;

    public static readonly CsvSchema Schema = new(
        ["account_id", "domain", "topic", "score", "week"],
        Required: ["topic", "score", "week"],
        AnyOf: [["account_id", "domain"]],
        Map);

    private static IntentRecord Map(CsvFields row)
    {
        var accountId = row.Text("account_id");
        var domain = row.Domain("domain");
        if (accountId is null && domain is null)
        {
            throw new CsvRowException("account_id or domain is required, both are empty");
        }

        var topic = row.RequiredText("topic");
        var score = (byte)(row.Count("score", MaxScore) ?? throw CsvFields.Missing("score"));
        var week = row.RequiredDay("week");
        if (week.DayOfWeek != DayOfWeek.Monday)
        {
            throw CsvFields.Bad("week", row.Text("week")!, $"is a {week.DayOfWeek}, not a Monday (the week's first day, e.g. {week.AddDays(-(((int)week.DayOfWeek + 6) % 7)):yyyy-MM-dd})");
        }

        return new IntentRecord(accountId ?? string.Empty, topic, score, week, accountId is null ? domain : null);
    }
}
