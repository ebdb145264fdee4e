using static Analytics.Ingestion.Tests.Writing.WriterDatabase;

namespace Analytics.Ingestion.Tests.Writing;

public sealed class BatchProcessorTests : IAsyncLifetime
{
    private readonly WriterDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task An_event_sent_twice_in_a_batch_and_again_later_is_stored_once()
    {
        var first = await _db.StoreAsync(PageView("e1", 0, "v1"), PageView("e1", 0, "v1"), PageView("e2", 1, "v1"));
        var second = await _db.StoreAsync(PageView("e2", 1, "v1"), PageView("e3", 2, "v1"));

        Assert.Equal((2, 1), (first.Events, first.DuplicateEvents));
        Assert.Equal((1, 1), (second.Events, second.DuplicateEvents));
        Assert.Equal([[3ul, 3ul]], await _db.RowsAsync("SELECT count(), uniqExact(event_id) FROM events"));
    }

    [Fact]
    public async Task An_event_resent_with_another_timestamp_is_stored_once()
    {
        await _db.StoreAsync(PageView("e1", 0, "v1"));

        var resent = await _db.StoreAsync(PageView("e1", 60 * 24 * 40, "v1"));

        Assert.Equal((0, 1), (resent.Events, resent.DuplicateEvents));
        Assert.Equal([[1ul]], await _db.RowsAsync("SELECT count() FROM events"));
    }

    [Fact]
    public async Task A_replayed_batch_stores_nothing_twice()
    {
        IngestRecord[] batch =
        [
            new AccountRecord("acme", "Acme", "acme.com", "Software", 120, null, "DE", "Tier 1", "maria"),
            new OpportunityRecord("o1", "acme", Monday, null, "open", "Discovery", 5_000m, "new"),
            new SurveyResponseRecord("r1", "nps", Monday, 10, "Love it", "acme"),
            PageView("e1", 0, account: "acme"),
            new IdentityLink("u1", "v1", "jo@acme.com"),
        ];

        await _db.StoreAsync(batch);
        var replay = await _db.StoreAsync(batch);

        Assert.Equal(0, replay.Events);
        Assert.Equal(
            [[1ul, 1ul, 1ul, 1ul, 2ul]],
            await _db.RowsAsync("""
                SELECT (SELECT count() FROM events), (SELECT count() FROM accounts FINAL), (SELECT count() FROM opportunities FINAL),
                       (SELECT count() FROM survey_responses FINAL), (SELECT count() FROM identities FINAL)
                """));
    }

    [Fact]
    public async Task Anonymous_page_views_count_for_the_account_once_the_visitor_is_identified_and_grouped()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme", "acme.com"));
        await _db.StoreAsync(PageView("e1", 0, "v1", path: "/pricing"), PageView("e2", 5, "v1", path: "/pricing"), PageView("e3", 6, "v2"));
        var before = await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id");

        var linked = await _db.StoreAsync(new IdentityLink("u1", "v1", "jo@gmail.com"), new IdentityLink("u1", null, AccountId: "acme"));

        Assert.Equal([["e1", ""], ["e2", ""], ["e3", ""]], before);
        Assert.Equal(2, linked.Reattributed);
        Assert.Equal([202603u], linked.ReattributedMonths);
        Assert.Equal([["e1", "acme"], ["e2", "acme"], ["e3", ""]], await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id"));
        Assert.Equal([["acme", "/pricing", 2ul]], await _db.RowsAsync("SELECT account_id, url_path, sum(events) FROM account_engagement_daily GROUP BY account_id, url_path"));
    }

    [Fact]
    public async Task A_later_event_of_an_identified_visitor_gets_the_account_at_once()
    {
        await _db.StoreAsync(new IdentityLink("u1", "v1"), new IdentityLink("u1", null, AccountId: "acme"));

        await _db.StoreAsync(PageView("e1", 0, "v1"), PageView("e2", 1, userId: "u1"));

        Assert.Equal([["e1", "acme"], ["e2", "acme"]], await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id"));
    }

    [Fact]
    public async Task An_email_on_a_company_domain_finds_its_account_and_free_mail_never_does()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme", "https://www.Acme.com/"), new AccountRecord("odd", "Mail Provider", "gmail.com"));

        await _db.StoreAsync(EmailOpen("m1", 0, "jo@acme.com"), EmailOpen("m2", 1, "bob@gmail.com"), EmailOpen("m3", 2, "x@unknown.example"));

        Assert.Equal([["m1", "acme"], ["m2", ""], ["m3", ""]], await _db.RowsAsync("SELECT event_id, account_id FROM events ORDER BY event_id"));
    }

    [Fact]
    public async Task A_contact_record_ties_an_email_to_its_account_even_on_free_mail()
    {
        await _db.StoreAsync(new ContactRecord("c1", "founder@gmail.com", "startup"));

        await _db.StoreAsync(EmailOpen("m1", 0, "founder@gmail.com"), new SurveyResponseRecord("r1", "nps", Monday, 4, "Too slow", ContactEmail: "founder@gmail.com"));

        Assert.Equal([["startup"]], await _db.RowsAsync("SELECT account_id FROM events"));
        Assert.Equal([["startup", "founder@gmail.com"]], await _db.RowsAsync("SELECT account_id, contact_id FROM survey_responses FINAL"));
    }

    [Fact]
    public async Task An_identified_email_on_the_accounts_domain_attributes_the_visitors_earlier_events()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme", "acme.com"), PageView("e1", 0, "v9"));

        var linked = await _db.StoreAsync(new IdentityLink("u9", "v9", "ceo@acme.com"));

        Assert.Equal(1, linked.Reattributed);
        Assert.Equal([["acme"]], await _db.RowsAsync("SELECT account_id FROM events"));
        Assert.Equal([["u9", "ceo@acme.com", "acme"]], await _db.RowsAsync("SELECT contact_id, email, account_id FROM contacts FINAL"));
    }

    [Fact]
    public async Task A_later_record_of_an_account_replaces_the_earlier()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme", "acme.com", Tier: "Tier 2"));
        await _db.StoreAsync(new AccountRecord("acme", "Acme Corp", "acme.com", Tier: "Tier 1"));

        Assert.Equal([["Acme Corp", "Tier 1"]], await _db.RowsAsync("SELECT name, tier FROM accounts FINAL"));
    }

    [Fact]
    public async Task Ad_statistics_find_their_account_by_domain()
    {
        await _db.StoreAsync(new AccountRecord("acme", "Acme", "acme.com"));

        await _db.StoreAsync(new AdPerformanceRecord(new DateOnly(2026, 3, 1), "spring", "linkedin", null, "www.acme.com", 1000, 10, 42.5m));

        Assert.Equal([["acme", "acme.com", 1000ul, 42.5m]], await _db.RowsAsync("SELECT account_id, account_domain, impressions, spend FROM ad_performance FINAL"));
    }
}
