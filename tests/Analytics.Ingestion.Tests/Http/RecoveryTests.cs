using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// Issue 16, finding 9: after a kill -9 the replay stored about 50,000 entries per 95 s while <c>/healthz</c> said
/// Healthy throughout. A restart with a backlog now reports Degraded with what is left until it is stored, and only the
/// batch the crash interrupted is replayed with care.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class RecoveryTests
{
    private static readonly DateTime March = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_restart_with_a_backlog_is_Degraded_showing_what_is_left_until_all_is_stored()
    {
        var folder = HostSettings.NewDataFolder();
        // What a server killed while its writer lagged leaves behind: accepted entries on disk, none stored.
        await AppendAsync(folder, Events(0, 60_000));

        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
        var reports = new List<(string Status, string Description)>();
        await Eventually.MatchAsync("the ingestion check to be Healthy", async () =>
        {
            reports.Add(await IngestionCheckAsync(server));
            return reports[^1];
        }, report => report.Status == "Healthy", TimeSpan.FromMinutes(5));

        await server.StopCleanlyAsync();

        Assert.Equal("Degraded", reports[0].Status);
        Assert.Matches(
            @"^recovering: [\d,]+ of the 60,000 spooled entries found not stored at start-up still to store; spool backlog [\d,]+ bytes, still accepting$",
            reports[0].Description);
        Assert.Equal(("Healthy", "spool backlog 0 bytes"), reports[^1]);
        Assert.All(reports[..^1], r => Assert.Equal("Degraded", r.Status));
        Assert.Equal([[60_000ul, 60_000ul]], await ReadStoppedAsync(folder, "SELECT count(), uniqExact(event_id) FROM events"));
        var totals = RollupTotals.From((await ReadStoppedAsync(folder, RollupTotals.Sql))[0]);
        Assert.Equal(totals.Agreeing(), totals);
    }

    /// <summary>
    /// A crash fell while the first 5,000 entries were being stored: 3,000 of their events made it into <c>events</c>,
    /// but the views missed some of them and <c>event_ids</c> lost a thousand. The restart replays those 5,000 with care
    /// (events looked up in <c>events</c>, the rollups and <c>event_ids</c> of their months rebuilt), then stores the
    /// other 15,000 as in normal running; a client's resend afterwards is still recognised.
    /// </summary>
    [Fact]
    public async Task Only_the_batch_a_crash_interrupted_is_replayed_with_care_and_its_half_stored_events_count_once()
    {
        var folder = HostSettings.NewDataFolder();
        var settings = HostSettings.Embedded(folder);
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            await first.StopCleanlyAsync();
        }

        var events = Events(0, 20_000);
        await using (var gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, folder, "analytics"))
        {
            await gateway.InsertAsync("events", ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "url"],
                events.Take(3_000).Select(e => new object?[] { e.EventId, e.Timestamp, March, e.Channel, e.Type, e.AccountId, e.Url }));
            await gateway.ExecuteAsync("DELETE FROM account_engagement_daily WHERE account_id = 'acct-3'");
            await gateway.ExecuteAsync("DELETE FROM account_activity_monthly WHERE account_id IN ('acct-4', 'acct-5')");
            await gateway.ExecuteAsync("DELETE FROM event_ids WHERE event_id IN (SELECT event_id FROM events ORDER BY event_id LIMIT 1000)");
        }

        await AppendAsync(folder, events, interruptedBatch: 5_000);
        await using var server = await ServerProcess.StartAsync(settings);
        await WaitForDrainedAsync(server, TimeSpan.FromMinutes(5));
        var resent = await PostJsonOkAsync(server, "/v1/batch", PageViewBatch(events.Take(1_000).Select(e => e.EventId), account: "acct-0"));
        await WaitForDrainedAsync(server);
        await server.StopCleanlyAsync();

        Assert.Equal(1_000, resent.GetProperty("accepted").GetInt32());
        Assert.Contains("Replayed the 5000 spooled entries an unclean stop interrupted; rebuilding the rollups of the 3 months they touch", server.Output, StringComparison.Ordinal);
        Assert.Single(server.Output.Split('\n'), line => line.Contains("Replayed the", StringComparison.Ordinal));
        Assert.Equal([[20_000ul, 20_000ul]], await ReadStoppedAsync(folder, "SELECT count(), uniqExact(event_id) FROM events"));
        var totals = RollupTotals.From((await ReadStoppedAsync(folder, RollupTotals.Sql))[0]);
        Assert.Equal(new RollupTotals(20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000), totals);
    }

    /// <summary>Page views of ten accounts, one a minute, spread over three months by id.</summary>
    private static List<EngagementEvent> Events(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new EngagementEvent(
            $"e{i:D6}", March.AddDays(i % 3 * 31).AddMinutes(i / 3), "web", "page_view", AccountId: $"acct-{i % 10}", Url: $"https://vendor.example/pricing/{i}"))];

    /// <summary>
    /// Appends the events to the folder's spool as a server would have accepted them; with <paramref name="interruptedBatch"/>,
    /// marks the first that many entries as the batch being stored when the process died.
    /// </summary>
    private static async Task AppendAsync(string folder, List<EngagementEvent> events, int? interruptedBatch = null)
    {
        await using var spool = DurableSpool.Open(Path.Combine(folder, "spool"), new SpoolOptions(), NullLogger.Instance);
        foreach (var chunk in events.Chunk(5_000))
        {
            await spool.AppendAsync([.. chunk.Select(e => new SpoolEntry(March, "segment", e))]);
        }

        if (interruptedBatch is { } count)
        {
            spool.BeginBatch(spool.Read(spool.Checkpoint, count)[^1].Next);
        }
    }

    private static async Task<(string Status, string Description)> IngestionCheckAsync(ServerProcess server)
    {
        using var report = JsonDocument.Parse(await server.Client.GetStringAsync("/healthz"));
        var check = report.RootElement.GetProperty("checks").GetProperty("ingestion");
        return (check.GetProperty("status").GetString()!, check.GetProperty("Description").GetString()!);
    }
}
