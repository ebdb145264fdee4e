using Analytics.Ingestion.Segment;
using static Analytics.Ingestion.Tests.Writing.WriterDatabase;

namespace Analytics.Ingestion.Tests.Writing;

/// <summary>
/// Segment group calls whose group id is a product's own organisation id: linked to the CRM account of the group's
/// domain or its members' (never free mail), their events following; otherwise an account of their own with the
/// group's name; and the CRM's values win over group traits.
/// </summary>
public sealed class SegmentGroupTests : IAsyncLifetime
{
    private readonly WriterDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static IdentityLink GroupCall(string user, string groupId, GroupTraits traits) => new(user, null, AccountId: groupId, Group: traits);

    [Fact]
    public async Task An_org_id_with_the_domain_of_a_crm_account_counts_for_that_account_and_keeps_the_crm_name()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme Corp", "acme.com", Tier: "Tier 1"));

        await _db.StoreAsync(
            GroupCall("u1", "org_42", new GroupTraits("Acme Inc", "acme.com", "Software", 250)),
            PageView("e1", 1, userId: "u1", path: "/pricing"),
            PageView("e2", 2, userId: "u1", account: "org_42"));

        Assert.Equal([["e1", "acme"], ["e2", "acme"]], await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id"));
        Assert.Equal(
            [["acme", "Acme Corp", "acme.com", "Software", 250u, "crm", new[] { "industry", "employees" }]],
            await _db.RowsAsync("SELECT account_id, name, domain, industry, employees, origin, group_attributes FROM accounts FINAL"));
        Assert.Equal([["org_42", "acme"]], await _db.RowsAsync("SELECT group_id, account_id FROM group_accounts FINAL"));
        Assert.Equal([["acme", 2ul]], await _db.RowsAsync("SELECT account_id, sum(events) FROM account_engagement_daily GROUP BY account_id"));
    }

    [Fact]
    public async Task The_members_company_email_domain_links_a_group_without_a_domain_trait()
    {
        await _db.StoreAsync(new AccountRecord("initech", "Initech", "initech.com"));

        await _db.StoreAsync(
            new IdentityLink("u1", null, "peter@initech.com"),
            GroupCall("u1", "ws_7", new GroupTraits("Initech workspace")),
            PageView("e1", 1, userId: "u1"));

        Assert.Equal([["e1", "initech"]], await _db.RowsAsync("SELECT event_id, account_id FROM events"));
        Assert.Equal([["ws_7", "initech", new[] { "initech.com" }]], await _db.RowsAsync("SELECT group_id, account_id, member_domains FROM group_accounts FINAL"));
        Assert.Equal([["initech", "Initech"]], await _db.RowsAsync("SELECT account_id, name FROM accounts FINAL"));
    }

    [Fact]
    public async Task A_free_mail_domain_never_links_a_group_even_to_an_account_that_holds_it()
    {
        // A sole trader's CRM record on gmail.com: no group of gmail users may become theirs.
        await _db.StoreAsync(new AccountRecord("sole", "Sole Trader", "gmail.com"));

        await _db.StoreAsync(
            new IdentityLink("u1", null, "jo@gmail.com"),
            GroupCall("u1", "org_1", new GroupTraits("Jo's team", "gmail.com")),
            PageView("e1", 1, userId: "u1"));

        Assert.Equal([["e1", "org_1"]], await _db.RowsAsync("SELECT event_id, account_id FROM events"));
        Assert.Equal([["org_1", "org_1", new string[0]]], await _db.RowsAsync("SELECT group_id, account_id, member_domains FROM group_accounts FINAL"));
    }

    [Fact]
    public async Task A_group_that_matches_no_crm_account_is_an_account_of_its_own_with_its_name()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme Corp", "acme.com"));

        await _db.StoreAsync(GroupCall("u1", "org_9", new GroupTraits("Umbrella", "umbrella.io", "Pharma", 40)), PageView("e1", 1, userId: "u1"));

        Assert.Equal([["e1", "org_9"]], await _db.RowsAsync("SELECT event_id, account_id FROM events"));
        Assert.Equal(
            [["acme", "Acme Corp", "crm", new string[0]], ["org_9", "Umbrella", "segment", new[] { "name", "domain", "industry", "employees" }]],
            await _db.RowsAsync("SELECT account_id, name, origin, group_attributes FROM accounts FINAL ORDER BY account_id"));
    }

    [Fact]
    public async Task A_crm_import_of_the_groups_domain_later_moves_the_group_and_its_past_events_to_that_account()
    {
        await _db.StoreAsync(
            GroupCall("u1", "org_9", new GroupTraits("Globex (app)", "globex.com", "Energy")),
            PageView("e1", 1, userId: "u1", path: "/pricing"),
            PageView("e2", 2, anonymousId: "v1"),
            new IdentityLink("u1", "v1"));
        var before = await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id");

        var import = await _db.StoreAsync(new AccountRecord("globex", "Globex Corporation", "globex.com"));
        await _db.StoreAsync(PageView("e3", 3, userId: "u1"));

        Assert.Equal([["e1", "org_9"], ["e2", "org_9"]], before);
        Assert.Equal(2, import.Reattributed);
        Assert.Equal([202603u], import.ReattributedMonths);
        Assert.Equal([["e1", "globex"], ["e2", "globex"], ["e3", "globex"]], await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id"));
        Assert.Equal([["globex", 3ul]], await _db.RowsAsync("SELECT account_id, sum(events) FROM account_engagement_daily GROUP BY account_id"));
        Assert.Equal([["globex"]], await _db.RowsAsync("SELECT DISTINCT account_id FROM account_activity_daily"));
        Assert.Equal([["u1", "globex"], ["v1", "globex"]], await _db.RowsAsync("SELECT alias, account_id FROM identities FINAL ORDER BY alias"));
        Assert.Equal([["org_9", "globex"]], await _db.RowsAsync("SELECT group_id, account_id FROM group_accounts FINAL"));
        Assert.Equal(
            [["globex", "Globex Corporation", "Energy", "crm", new[] { "industry" }]],
            await _db.RowsAsync("SELECT account_id, name, industry, origin, group_attributes FROM accounts FINAL"));
    }

    [Fact]
    public async Task The_crm_value_wins_over_group_traits_whichever_comes_first()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme Corp", "acme.com"));
        await _db.StoreAsync(GroupCall("u1", "acme", new GroupTraits("ACME", Industry: "Software")));
        var filled = await _db.RowsAsync("SELECT name, industry, group_attributes FROM accounts FINAL");

        await _db.StoreAsync(GroupCall("u1", "acme", new GroupTraits(Industry: "SaaS")));
        var changed = await _db.RowsAsync("SELECT name, industry FROM accounts FINAL");
        await _db.StoreAsync(new AccountRecord("acme", "Acme Corp", "acme.com", "Manufacturing"));
        await _db.StoreAsync(GroupCall("u1", "acme", new GroupTraits("ACME", Industry: "Software")));

        Assert.Equal([["Acme Corp", "Software", new[] { "industry" }]], filled);
        Assert.Equal([["Acme Corp", "SaaS"]], changed);
        Assert.Equal([["Acme Corp", "Manufacturing", new string[0]]], await _db.RowsAsync("SELECT name, industry, group_attributes FROM accounts FINAL"));
    }

    [Fact]
    public async Task A_replayed_batch_that_moved_a_group_stores_nothing_twice()
    {
        await _db.StoreAsync(GroupCall("u1", "org_9", new GroupTraits(Domain: "globex.com")), PageView("e1", 1, userId: "u1"));
        IngestRecord[] import = [new AccountRecord("globex", "Globex", "globex.com")];

        await _db.StoreAsync(import);
        await _db.StoreAsync(import);

        Assert.Equal([["globex", 1ul]], await _db.RowsAsync("SELECT account_id, count() FROM events GROUP BY account_id"));
        Assert.Equal([["globex", 1ul]], await _db.RowsAsync("SELECT account_id, sum(events) FROM account_engagement_daily GROUP BY account_id"));
    }

    [Theory]
    [InlineData("""{"name": "Acme", "domain": "https://www.Acme.com/", "industry": "Software", "employees": 250}""", "Acme", "acme.com", "Software", 250u)]
    [InlineData("""{"name": "Acme", "website": "https://acme.com/about", "employees": "1200"}""", "Acme", "acme.com", null, 1200u)]
    [InlineData("""{"employees": "50-200", "plan": "enterprise"}""", null, null, null, null)]
    public void A_group_calls_spec_traits_become_account_attributes(string traits, string? name, string? domain, string? industry, uint? employees)
    {
        using var message = JsonDocument.Parse($$"""{"type": "group", "userId": "u1", "groupId": "org_1", "traits": {{traits}}}""");

        var (record, error) = SegmentMessage.Parse(message.RootElement, null, Monday);

        Assert.Null(error);
        Assert.Equal(new GroupTraits(name, domain, industry, employees), Assert.IsType<IdentityLink>(record).Group);
    }
}
