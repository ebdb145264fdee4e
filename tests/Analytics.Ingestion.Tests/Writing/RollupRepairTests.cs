using static Analytics.Ingestion.Tests.Writing.WriterDatabase;

namespace Analytics.Ingestion.Tests.Writing;

public sealed class RollupRepairTests : IAsyncLifetime
{
    private readonly WriterDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    /// <summary>
    /// The week of Monday 30 March 2026 runs into April. After a crash the rollups of April are rebuilt: the weekly
    /// rollups must rebuild that week whole (its March days included), or its March events would be lost from them.
    /// </summary>
    [Fact]
    public async Task Rebuilding_a_month_rebuilds_the_weeks_that_reach_into_it_whole()
    {
        var sunday = new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc);
        await _db.StoreAsync(Enumerable.Range(0, 12)
            .Select(day => (IngestRecord)new EngagementEvent($"e{day}", sunday.AddDays(day), "web", "page_view", AccountId: "acme", Url: "https://vendor.example/pricing"))
            .ToArray());
        // What a crash between an insert and its views can leave: rollup rows missing, others there twice.
        await _db.Gateway.ExecuteAsync("DELETE FROM account_activity_weekly WHERE week = '2026-04-06'");
        await _db.Gateway.ExecuteAsync("INSERT INTO account_activity_weekly SELECT * FROM account_activity_weekly WHERE week = '2026-03-30'");

        await new RollupRepair(_db.Gateway, _db.Dialect, ApplicationSchema.Catalog, _db.Gate).RebuildAsync([202604], CancellationToken.None);

        var totals = RollupTotals.From((await _db.RowsAsync(RollupTotals.Sql))[0]);
        Assert.Equal(new RollupTotals(12, 12, 12, 12, 12, 12, 12), totals);
        Assert.Equal(
            [[new DateOnly(2026, 3, 23), 1ul, 1ul], [new DateOnly(2026, 3, 30), 7ul, 7ul], [new DateOnly(2026, 4, 6), 4ul, 4ul]],
            await _db.RowsAsync("""
                SELECT week, sum(arraySum(mapValues(counts))), sum(arraySum(mapValues(path_counts)))
                FROM account_activity_weekly
                GROUP BY week
                ORDER BY week
                """));
    }

    /// <summary>
    /// Batches stored while rebuilds of their month run are counted once. A rebuild empties the month's rollups and fills
    /// them from the stored events, so a batch stored in between would be in the views' rows and in the refill too.
    /// </summary>
    [Fact]
    public async Task Batches_stored_while_their_month_is_rebuilt_are_counted_once()
    {
        var day = new DateTime(2026, 4, 10, 12, 0, 0, DateTimeKind.Utc);
        EngagementEvent PageView(string id, DateTime at) => new(id, at, "web", "page_view", AccountId: "acme", Url: "https://vendor.example/pricing");
        await _db.StoreAsync(Enumerable.Range(0, 20).Select(i => (IngestRecord)PageView($"before{i}", day.AddMinutes(i))).ToArray());

        var repair = new RollupRepair(_db.Gateway, _db.Dialect, ApplicationSchema.Catalog, _db.Gate);
        var rebuilding = Task.Run(async () =>
        {
            for (var round = 0; round < 6; round++)
            {
                await repair.RebuildAsync([202604], CancellationToken.None);
            }
        });
        var during = 0;
        while (!rebuilding.IsCompleted)
        {
            await _db.StoreAsync(PageView($"during{during}", day.AddHours(1).AddSeconds(during)));
            during++;
        }

        await rebuilding;
        var totals = RollupTotals.From((await _db.RowsAsync(RollupTotals.Sql))[0]);
        Assert.True(during > 0, "no batch was stored while the rebuilds ran");
        Assert.Equal((ulong)(20 + during), totals.Events);
        Assert.Equal(totals.Agreeing(), totals);
    }
}
