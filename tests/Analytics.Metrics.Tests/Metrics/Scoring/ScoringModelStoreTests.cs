namespace Analytics.Metrics.Tests.Metrics.Scoring;

/// <summary>
/// The default model a release ships reaches databases that only ever had the system's default (Segment's spec events
/// were priced after the first databases stored theirs), while a model an admin saved is never touched.
/// </summary>
public sealed class ScoringModelStoreTests
{
    private static readonly ScoringModel EarlierDefault = ScoringModel.Default with
    {
        Rules = [.. ScoringModel.Default.Rules.Except(ScoringModel.SegmentSpecRules)],
    };

    [Fact]
    public async Task The_systems_earlier_default_is_replaced_by_todays()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(ScoringModelStoreTests));
        await db.Models.SaveAsync(EarlierDefault, "system", CancellationToken.None);
        var earlier = await db.Models.StoredAsync(CancellationToken.None);

        var ensured = await db.Models.EnsureStoredAsync(CancellationToken.None);

        Assert.Equal(0, earlier!.Model.PointsOf("web", "demo_requested", "/"));
        Assert.True(ensured.Version > earlier.Version);
        Assert.Equal(20, ensured.Model.PointsOf("web", "demo_requested", "/"));
        Assert.Equal(ScoringModel.Default.Rules, ensured.Model.Rules);
        Assert.Equal(ensured.Version, (await db.Models.EnsureStoredAsync(CancellationToken.None)).Version);
    }

    [Fact]
    public async Task A_model_an_admin_saved_is_kept_even_without_the_spec_events()
    {
        await using var db = await MetricsDatabase.CreateAsync(nameof(ScoringModelStoreTests));
        await db.Models.SaveAsync(EarlierDefault, "tests-admin", CancellationToken.None);
        var saved = await db.Models.StoredAsync(CancellationToken.None);

        var ensured = await db.Models.EnsureStoredAsync(CancellationToken.None);

        Assert.Equal(saved!.Version, ensured.Version);
        Assert.Equal(0, ensured.Model.PointsOf("web", "demo_requested", "/"));
    }

    [Theory]
    [InlineData("web", "demo_requested", 20)]
    [InlineData("web", "trial_started", 15)]
    [InlineData("web", "signed_up", 10)]
    [InlineData("web", "form_submitted", 10)]
    [InlineData("web", "signed_in", 1)]
    [InlineData("web", "signed_out", 0)]
    [InlineData("web", "product_added", 0)]
    public void The_default_model_prices_segments_b2b_spec_events(string channel, string type, double points)
    {
        Assert.Equal(points, ScoringModel.Default.PointsOf(channel, type, "/"));
    }
}
