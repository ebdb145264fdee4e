namespace Analytics.Metrics.Tests;

/// <summary>
/// Builds a small named world (accounts, list members, events, opportunities, answers, ad spend) and loads it through
/// the storage gateway, the way ingestion writes it. Times are UTC; <see cref="Day"/> gives a day of March 2026.
/// </summary>
internal sealed class Story
{
    private static readonly DateTime Imported = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _nextEvent;

    public List<object?[]> Accounts { get; } = [];
    public List<object?[]> Members { get; } = [];
    public List<object?[]> Events { get; } = [];
    public List<object?[]> Opportunities { get; } = [];
    public List<object?[]> Answers { get; } = [];
    public List<object?[]> Ads { get; } = [];
    public List<object?[]> Intent { get; } = [];

    /// <summary>Midnight UTC of the given day of March 2026 (2 is a Monday), plus hours.</summary>
    public static DateTime Day(int day, double hours = 0) => new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day - 1).AddHours(hours);

    public static DateOnly Date(int day) => DateOnly.FromDateTime(Day(day));

    public Story Account(string id, string? industry = null, string? tier = null, string? country = null, string? owner = null, string? name = null, DateTime? updatedAt = null)
    {
        Accounts.Add([id, name ?? id, industry, tier, country, owner, updatedAt ?? Imported]);
        return this;
    }

    public Story OnList(string list, string accountId, DateTime? removedAt = null)
    {
        Members.Add([list, accountId, Imported, removedAt, removedAt ?? Imported]);
        return this;
    }

    public Story Event(string account, DateTime at, string channel, string type, string url = "", string campaign = "", string source = "", string contact = "", string? id = null)
    {
        Events.Add([id ?? $"e{++_nextEvent}", at, at, channel, type, account, contact, campaign, source, url]);
        return this;
    }

    /// <summary><paramref name="count"/> web page views of <paramref name="url"/>, one an hour from <paramref name="start"/>.</summary>
    public Story PageViews(string account, DateTime start, int count, string url = "https://example.com/blog")
    {
        for (var i = 0; i < count; i++)
        {
            Event(account, start.AddHours(i), "web", "page_view", url);
        }

        return this;
    }

    public Story Opportunity(string id, string account, DateTime created, DateTime? closed, string status, decimal? amount, string? type = null, DateTime? updatedAt = null)
    {
        Opportunities.Add([id, account, created, closed, status, amount, type, updatedAt ?? Imported]);
        return this;
    }

    public Story Answer(string id, string survey, DateTime at, int score, string account = "", string? segment = null, string comment = "", DateTime? updatedAt = null)
    {
        Answers.Add([id, survey, at, (byte)score, comment, account, segment, updatedAt ?? Imported]);
        return this;
    }

    public Story Nps(DateTime at, params int[] scores)
    {
        foreach (var score in scores)
        {
            Answer($"nps-{Answers.Count + 1}", "nps", at, score);
        }

        return this;
    }

    public Story Spend(DateOnly date, string campaign, decimal spend, string account = "")
    {
        Ads.Add([date, campaign, "linkedin", account, "", 100ul, 5ul, spend, Imported]);
        return this;
    }

    /// <summary>An intent score of the account for a topic in the week of <paramref name="monday"/>, as an intent import stores it.</summary>
    public Story Intends(string account, string topic, int score, DateOnly monday, DateTime? updatedAt = null)
    {
        Intent.Add([account, topic, (byte)score, monday, updatedAt ?? Imported]);
        return this;
    }

    /// <summary>The latest version of each record by id (column 0), as ReplacingMergeTree keeps it.</summary>
    public static List<object?[]> Latest(List<object?[]> rows) =>
        rows.GroupBy(r => (string)r[0]!).Select(g => g.MaxBy(r => (DateTime)r[^1]!)!).ToList();

    public async Task LoadAsync(IClickHouseGateway gateway)
    {
        await InsertAsync(gateway, "accounts", ["account_id", "name", "industry", "tier", "country", "owner", "updated_at"], Accounts);
        await InsertAsync(gateway, "target_list_members", ["list", "account_id", "added_at", "removed_at", "updated_at"], Members);
        await InsertAsync(gateway, "events", ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "contact_id", "campaign", "source", "url"], Events);
        await InsertAsync(gateway, "opportunities", ["opportunity_id", "account_id", "created_at", "closed_at", "status", "amount", "type", "updated_at"], Opportunities);
        await InsertAsync(gateway, "survey_responses", ["response_id", "survey", "responded_at", "score", "comment", "account_id", "segment", "updated_at"], Answers);
        await InsertAsync(gateway, "account_intent", ["account_id", "topic", "score", "week", "updated_at"], Intent);
        await InsertAsync(gateway, "ad_performance", ["date", "campaign", "platform", "account_id", "account_domain", "impressions", "clicks", "spend", "updated_at"], Ads);
    }

    private static async Task InsertAsync(IClickHouseGateway gateway, string table, string[] columns, List<object?[]> rows)
    {
        if (rows.Count > 0)
        {
            await gateway.InsertAsync(table, columns, rows);
        }
    }
}
