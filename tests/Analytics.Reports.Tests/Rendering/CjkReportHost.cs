namespace Analytics.Reports.Tests.Rendering;

/// <summary>
/// The whole server in this process, on a database of its own, holding a small company whose customers write in
/// Chinese, Japanese and Korean: in the week of 23 to 29 November 2026 four accounts are engaged (a Chinese, a Japanese,
/// a Korean and an American one), the Chinese one opens an opportunity and its customer, in the segment 企业客户,
/// complains in Chinese. The report of that week prints each name, owner, segment and comment.
/// </summary>
public sealed class CjkReportHost() : InProcessHost<Program>("reportscjk", [KeyValuePair.Create("Reports:Company", (string?)"Northwind Analytics")]), IAsyncLifetime
{
    public const string ChineseAccount = "北京星辰科技有限公司";
    public const string ChineseOwner = "王芳";
    public const string ChineseSegment = "企业客户";
    public const string ChineseComment = "导出功能在我们最大的目标客户名单上总是超时，每周一的评审因此受阻。请尽快修复这个问题，否则我们会考虑其他供应商。";
    public const string JapaneseAccount = "株式会社さくらデータ";
    public const string JapaneseOwner = "佐藤さくら";
    public const string KoreanAccount = "한빛소프트 주식회사";
    public const string KoreanOwner = "김민준";
    public const string LatinAccount = "Acme Analytics";
    public const string LatinComment = "Pricing went up again and nobody told us before the invoice arrived.";

    /// <summary>The strings that hold Chinese, Japanese or Korean characters, as the data holds them.</summary>
    public static readonly string[] CjkStrings = [ChineseAccount, ChineseOwner, ChineseSegment, ChineseComment, JapaneseAccount, JapaneseOwner, KoreanAccount, KoreanOwner];

    private static readonly DateTime Imported = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        (string Id, string Name, string Owner, int PageViews)[] accounts =
        [
            ("acct-cn", ChineseAccount, ChineseOwner, 14),
            ("acct-jp", JapaneseAccount, JapaneseOwner, 12),
            ("acct-kr", KoreanAccount, KoreanOwner, 11),
            ("acct-us", LatinAccount, "Dana Smith", 10),
        ];
        await Gateway.InsertAsync("accounts", ["account_id", "name", "tier", "country", "owner", "updated_at"],
            accounts.Select(a => new object?[] { a.Id, a.Name, "Tier 1", a.Id[^2..].ToUpperInvariant(), a.Owner, Imported }).ToList());

        // Engaged: a form fill (10 points) and the page views, one an hour from Monday morning.
        var events = accounts.SelectMany(a => Enumerable.Range(0, a.PageViews)
                .Select(i => new object?[] { $"{a.Id}-view-{i}", Monday.AddHours(i), Monday.AddHours(i), "web", "page_view", a.Id, "", "", "", "https://example.com/blog" })
                .Append([$"{a.Id}-form", Monday.AddDays(1), Monday.AddDays(1), "web", "form_submit", a.Id, "", "", "", "https://example.com/demo"]))
            .ToList();
        await Gateway.InsertAsync("events", ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "contact_id", "campaign", "source", "url"], events);

        await Gateway.InsertAsync("opportunities", ["opportunity_id", "account_id", "created_at", "closed_at", "status", "amount", "type", "updated_at"],
            [["opp-cn", "acct-cn", Monday.AddDays(2), null, "open", 120_000m, "New business", Imported]]);

        (string Id, int Score, string Segment, string Account, string Comment)[] answers =
        [
            ("nps-cn", 3, ChineseSegment, "acct-cn", ChineseComment),
            ("nps-cn-2", 9, ChineseSegment, "acct-cn", ""),
            ("nps-jp", 9, "Enterprise", "acct-jp", ""),
            ("nps-kr", 10, "SMB", "acct-kr", ""),
            ("nps-us", 5, "SMB", "acct-us", LatinComment),
        ];
        await Gateway.InsertAsync("survey_responses", ["response_id", "survey", "responded_at", "score", "comment", "account_id", "segment", "updated_at"],
            answers.Select((a, i) => new object?[] { a.Id, "nps", Monday.AddDays(1).AddHours(i), (byte)a.Score, a.Comment, a.Account, a.Segment, Imported }).ToList());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DropDatabaseAsync();
        await base.DisposeAsync();
    }
}
