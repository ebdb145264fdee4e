namespace Analytics.Metrics.Tests.Metrics.Scoring;

/// <summary>
/// The model store reads the model every few seconds and the re-pricer counts stale rows every minute. Both read their
/// one-row results to the end, so the engine connection goes back to the pool: a stream left early costs it, and
/// opening another made every query in flight then 300-400 ms slower.
/// </summary>
public sealed class PeriodicReadsTests
{
    [Fact]
    public async Task Reading_the_model_and_counting_stale_rows_open_no_new_engine_connection()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(PeriodicReadsTests));
        var repricing = db.Repricing();
        var priced = await db.Models.StoredAsync(default) ?? throw new InvalidOperationException("no model stored");
        var opened = db.Gateway.ConnectionsOpened;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(priced.Version, (await db.Models.StoredAsync(default))?.Version);
            Assert.Equal(0, await repricing.StaleRowsAsync(priced, default));
        }

        Assert.Equal(opened, db.Gateway.ConnectionsOpened);
    }
}
