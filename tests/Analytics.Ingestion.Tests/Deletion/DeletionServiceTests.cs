using Analytics.Ingestion.Deletion;
using Analytics.Ingestion.Tests.Writing;
using Analytics.Metrics.Themes;
using Analytics.Reports.Alerts;
using Analytics.Reports.FollowUps;
using static Analytics.Ingestion.Tests.Writing.WriterDatabase;

namespace Analytics.Ingestion.Tests.Deletion;

public sealed class DeletionServiceTests : IAsyncLifetime
{
    private readonly WriterDatabase _db = new();
    private readonly string _spoolFolder = Directory.CreateTempSubdirectory("deletion-spool-").FullName;
    private DurableSpool _spool = null!;
    private DeletionService _deletions = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _spool = DurableSpool.Open(_spoolFolder, new SpoolOptions(), NullLogger.Instance);
        _deletions = new DeletionService(_db.Gateway, _db.Dialect, ApplicationSchema.Catalog, _spool, new RollupRepair(_db.Gateway, _db.Dialect, ApplicationSchema.Catalog, _db.Gate), TimeProvider.System);

        // Jo is known by email (contact c-jo) and, through identify, as user u1 (a second contact record) who browsed
        // anonymously as v1; Ann only by email.
        await _db.StoreAsync(
            new AccountRecord("acme", "Acme", "acme.com"),
            new ContactRecord("c-jo", "jo@acme.com", "acme"),
            new ContactRecord("c-ann", "ann@acme.com", "acme"),
            new IdentityLink("u1", "v1", "jo@acme.com", "acme"),
            // Acme's workspace in the product, grouped by its domain.
            new IdentityLink("u1", null, AccountId: "org_5", Group: new GroupTraits(Domain: "acme.com")));
        await _db.StoreAsync(
            EmailOpen("m1", 0, "jo@acme.com"), EmailOpen("m2", 1, "ann@acme.com"),
            PageView("p1", 2, "v1"), PageView("p2", 3, userId: "u1"), PageView("p3", 4, account: "acme"),
            new SurveyResponseRecord("r1", "nps", Monday, 3, "Slow", ContactEmail: "jo@acme.com"),
            new SurveyResponseRecord("r2", "nps", Monday, 9, "Good", ContactEmail: "ann@acme.com"),
            new OpportunityRecord("o1", "acme", Monday, null, "open"));

        // Other modules' copies of the answers: the comments' analysis, and Jo's follow-up (a detractor), which sales noted.
        await new CommentTopicIndex(_db.Gateway, _db.Dialect, new CommentAnalysis(), TimeProvider.System, NullLogger<CommentTopicIndex>.Instance).CatchUpAsync(default);
        var followUps = new FollowUpStore(_db.Gateway, TimeProvider.System);
        Assert.Equal(1, await followUps.OpenMissingAsync(10, default));
        await followUps.RecordHistoryAsync([(FollowUpStore.IdOf("nps", "r1"), FollowUpStatus.Contacted, "Jo wants faster pages", Monday, "sales")], default);

        // The alert a rule raised for Jo's follow-up, with one delivery attempt (two outbox rows: PENDING, then DELIVERED).
        var outbox = new AlertOutbox(_db.Gateway);
        var alert = new AlertOccurrence("k1", "rule-1", AlertKind.FollowUpOpened, "acme", "Acme", Monday, "Acme answered 3 on nps.",
            new Dictionary<string, object?> { ["followUpId"] = FollowUpStore.IdOf("nps", "r1"), ["score"] = 3 });
        Assert.Equal(1, await outbox.AddNewAsync([alert], Monday, default));
        var pending = (await outbox.DueAsync(Monday, 10, default)).Single();
        await outbox.RecordAsync(new AlertAttempt("k1", 1, Monday, AlertChannel.Webhook, 200, null, 5), pending with { Status = AlertStatus.Delivered, Attempts = 1 }, default);
    }

    public async Task DisposeAsync()
    {
        await _spool.DisposeAsync();
        Directory.Delete(_spoolFolder, recursive: true);
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Erasing_a_contact_removes_their_events_under_every_identity_their_answers_and_records()
    {
        var report = await _deletions.EraseAsync(DeletionSubject.Contact(" Jo@Acme.com "), "tests-admin", CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, ulong>
            {
                ["comment_topics"] = 1, ["alert_attempts"] = 1, ["alert_outbox"] = 2, ["follow_up_changes"] = 1, ["follow_ups"] = 1,
                ["events"] = 3, ["contacts"] = 2, ["survey_responses"] = 1, ["identities"] = 2,
            },
            report.Removed);
        Assert.Equal([["r2"]], await _db.RowsAsync("SELECT response_id FROM comment_topics FINAL"));
        Assert.Equal([[0ul, 0ul]], await _db.RowsAsync("SELECT (SELECT count() FROM follow_ups), (SELECT count() FROM follow_up_changes)"));
        Assert.Equal([[0ul, 0ul]], await _db.RowsAsync("SELECT (SELECT count() FROM alert_outbox), (SELECT count() FROM alert_attempts)"));
        Assert.Equal([["m2"], ["p3"]], await _db.RowsAsync("SELECT event_id FROM events ORDER BY event_id"));
        Assert.Equal([["r2"]], await _db.RowsAsync("SELECT response_id FROM survey_responses FINAL"));
        Assert.Equal([["c-ann"]], await _db.RowsAsync("SELECT contact_id FROM contacts FINAL"));
        Assert.Equal([[2ul]], await _db.RowsAsync("SELECT sum(events) FROM account_engagement_daily"));
        var totals = RollupTotals.From((await _db.RowsAsync(RollupTotals.Sql))[0]);
        Assert.Equal(new RollupTotals(2, 2, 2, 2, 1, 1, 1), totals);
        Assert.Equal(
            [["tests-admin", "contact", "jo@acme.com"]],
            await _db.RowsAsync("SELECT requested_by, subject_kind, subject FROM deletion_requests"));
    }

    [Fact]
    public async Task Erasing_an_account_removes_everything_of_it_including_its_rollups()
    {
        var report = await _deletions.EraseAsync(DeletionSubject.Account("acme"), "tests-admin", CancellationToken.None);

        Assert.Equal(5ul, report.Removed["events"]);
        Assert.Equal(1ul, report.Removed["accounts"]);
        Assert.Equal(1ul, report.Removed["group_accounts"]);
        Assert.Equal((2ul, 1ul, 1ul), (report.Removed["comment_topics"], report.Removed["follow_ups"], report.Removed["follow_up_changes"]));
        Assert.Equal((2ul, 1ul), (report.Removed["alert_outbox"], report.Removed["alert_attempts"])); // the alert's PENDING and DELIVERED rows
        Assert.Equal(
            [[0ul, 0ul, 0ul, 0ul, 0ul, 0ul]],
            await _db.RowsAsync("""
                SELECT (SELECT count() FROM events), (SELECT count() FROM accounts FINAL), (SELECT count() FROM contacts FINAL),
                       (SELECT count() FROM survey_responses FINAL), (SELECT count() FROM opportunities FINAL),
                       (SELECT count() FROM account_engagement_daily)
                """));
        Assert.Equal(new RollupTotals(0, 0, 0, 0, 0, 0, 0), RollupTotals.From((await _db.RowsAsync(RollupTotals.Sql))[0]));
    }
}
