namespace Analytics.Ingestion.Tests.Spool;

public sealed class DurableSpoolTests : IDisposable
{
    private static readonly DateTime At = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Directory.CreateTempSubdirectory("spool-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Appended_entries_read_back_in_order_and_survive_reopening()
    {
        await using (var spool = Open())
        {
            await spool.AppendAsync([Entry("a"), Entry("b")]);
            await spool.AppendAsync([Entry("c")]);
        }

        await using var reopened = Open();
        var read = reopened.Read(reopened.Checkpoint, 10);

        Assert.Equal(["a", "b", "c"], read.Select(r => ((EngagementEvent)r.Entry.Record!).EventId));
        Assert.Equal(reopened.DurableEnd, read[^1].Next);
    }

    [Fact]
    public async Task A_committed_position_is_where_reading_resumes_after_reopening()
    {
        await using (var spool = Open())
        {
            await spool.AppendAsync([Entry("a"), Entry("b"), Entry("c")]);
            spool.Commit(spool.Read(spool.Checkpoint, 2)[^1].Next);
        }

        await using var reopened = Open();

        Assert.Equal(["c"], reopened.Read(reopened.Checkpoint, 10).Select(r => ((EngagementEvent)r.Entry.Record!).EventId));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(40)]
    public async Task A_write_torn_by_a_crash_is_cut_off_and_what_was_flushed_is_kept(int tornBytes)
    {
        await using (var spool = Open())
        {
            await spool.AppendAsync([Entry("a"), Entry("b")]);
        }

        var segment = Directory.GetFiles(_folder, "*.spool").Single();
        await File.AppendAllTextAsync(segment, new string('x', tornBytes));

        await using var reopened = Open();
        await reopened.AppendAsync([Entry("c")]);

        Assert.Equal(["a", "b", "c"], reopened.Read(reopened.Checkpoint, 10).Select(r => ((EngagementEvent)r.Entry.Record!).EventId));
    }

    [Fact]
    public async Task The_batch_being_stored_when_the_process_died_is_what_a_reopened_spool_replays()
    {
        await using (var spool = Open())
        {
            await spool.AppendAsync([Entry("a"), Entry("b"), Entry("c"), Entry("d")]);
            var read = spool.Read(spool.Checkpoint, 10);
            spool.BeginBatch(read[1].Next);
            spool.Commit(read[1].Next);
            spool.BeginBatch(read[2].Next);
        }

        await using var reopened = Open();
        var entries = reopened.Read(reopened.Checkpoint, 10);

        Assert.Equal(["c", "d"], entries.Select(r => ((EngagementEvent)r.Entry.Record!).EventId));
        Assert.Equal((entries[0].Next, 2L, entries[1].Next), (reopened.ReplayEnd, reopened.OpenedBacklog, reopened.OpenedEnd));
    }

    [Fact]
    public async Task A_committed_batch_leaves_nothing_to_replay_and_a_spool_without_marks_replays_everything_not_committed()
    {
        await using (var spool = Open(new SpoolOptions { SegmentBytes = 300 }))
        {
            for (var i = 0; i < 12; i++)
            {
                await spool.AppendAsync([Entry($"e{i}")]);
            }

            spool.Commit(spool.Read(spool.Checkpoint, 5)[^1].Next);
        }

        // Written by a version that did not mark its batches: whatever is not committed may be half stored.
        await using (var legacy = Open())
        {
            Assert.Equal((legacy.DurableEnd, 7L), (legacy.ReplayEnd, legacy.OpenedBacklog));
            var all = legacy.Read(legacy.Checkpoint, 100);
            legacy.BeginBatch(all[^1].Next);
            legacy.Commit(all[^1].Next);
        }

        await using var reopened = Open();

        Assert.True(reopened.ReplayEnd <= reopened.Checkpoint);
        Assert.Equal((0L, 0L), (reopened.OpenedBacklog, reopened.PendingBytes));
    }

    [Fact]
    public async Task A_full_spool_refuses_new_entries_and_accepts_again_once_the_writer_catches_up()
    {
        await using var spool = Open(new SpoolOptions { QuotaBytes = 2_000 });
        while (true)
        {
            try
            {
                await spool.AppendAsync([Entry(Guid.NewGuid().ToString())]);
            }
            catch (SpoolFullException)
            {
                break;
            }
        }

        var before = spool.PendingBytes;
        await Assert.ThrowsAsync<SpoolFullException>(() => spool.AppendAsync([Entry("late")]));
        spool.Commit(spool.DurableEnd);
        await spool.AppendAsync([Entry("after")]);

        Assert.True(before <= 2_000, $"pending {before} is over the quota");
        Assert.Equal(["after"], spool.Read(spool.Checkpoint, 10).Select(r => ((EngagementEvent)r.Entry.Record!).EventId));
    }

    [Fact]
    public async Task Segments_roll_over_and_those_wholly_stored_are_deleted()
    {
        await using var spool = Open(new SpoolOptions { SegmentBytes = 1_000 });
        for (var i = 0; i < 40; i++)
        {
            await spool.AppendAsync([Entry($"e{i:D2}")]);
        }

        var segmentsBefore = Directory.GetFiles(_folder, "*.spool").Length;
        var all = spool.Read(spool.Checkpoint, 100);
        spool.Commit(all[^1].Next);

        Assert.Equal(40, all.Count);
        Assert.True(segmentsBefore > 3, $"expected several segments, found {segmentsBefore}");
        Assert.Single(Directory.GetFiles(_folder, "*.spool"));
        Assert.Equal(0, spool.PendingBytes);
    }

    [Fact]
    public async Task Concurrent_appenders_all_get_their_entries_stored_once()
    {
        await using var spool = Open();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await spool.AppendAsync([Entry($"t{t}-{i}"), Entry($"t{t}-{i}-b")]);
            }
        })));

        var ids = spool.Read(spool.Checkpoint, 10_000).Select(r => ((EngagementEvent)r.Entry.Record!).EventId).ToList();

        Assert.Equal(1_600, ids.Count);
        Assert.Equal(1_600, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_record_kind_round_trips_through_the_spool()
    {
        IngestRecord[] records =
        [
            new EngagementEvent("e1", At, "web", "page_view", "acme", "u1", "jo@acme.com", "anon", "spring", "google/cpc", "https://acme.com/pricing", "{\"a\":1}"),
            new AccountRecord("acme", "Acme", "acme.com", "Software", 250, 1_000_000.50m, "DE", "Tier 1", "maria"),
            new TargetListMember("Enterprise", "acme"),
            new ContactRecord("c1", "jo@acme.com", "acme", "Jo", "CTO"),
            new OpportunityRecord("o1", "acme", At, At.AddDays(30), "won", "Closed Won", 12_000m, "new"),
            new SurveyResponseRecord("r1", "nps", At, 9, "Great, \"really\"", "acme", "jo@acme.com", "enterprise"),
            new AdPerformanceRecord(new DateOnly(2026, 3, 1), "spring", "linkedin", null, "acme.com", 1000, 12, 55.20m),
            new IdentityLink("u1", "anon", "jo@acme.com", "acme", "{\"plan\":\"pro\"}"),
        ];
        await using var spool = Open();
        await spool.AppendAsync(records.Select(r => new SpoolEntry(At, "test", r)).Append(new SpoolEntry(At, "test", DeadLetter: new DeadLetter("3", "bad", "{}"))).ToList());

        var read = spool.Read(spool.Checkpoint, 100).Select(r => r.Entry).ToList();

        Assert.Equal(records, read.Take(records.Length).Select(e => e.Record));
        Assert.Equal(new DeadLetter("3", "bad", "{}"), read[^1].DeadLetter);
    }

    private DurableSpool Open(SpoolOptions? options = null) => DurableSpool.Open(_folder, options ?? new SpoolOptions(), NullLogger.Instance);

    private static SpoolEntry Entry(string id) => new(At, "test", new EngagementEvent(id, At, "web", "page_view", AnonymousId: "anon"));
}
