namespace Analytics.Metrics.Tests.Metrics.Scoring;

/// <summary>
/// The window pricing of the activity rollups against the definition: every event's points by
/// <see cref="ScoringModel.PointsOf"/>, summed in C# over the raw records, for windows of days, whole weeks, whole
/// months and all three, under the default model and under one that prices other rules and pages.
/// </summary>
public sealed class WindowPointsTests
{
    private static readonly ScoringModel Custom = new(
        [
            new("web", "page_view", 0.5, HighValuePoints: 3),
            new("email", "click", 2, HighValuePoints: 7), // email events carry no path: the bonus never applies to them
            new("web", "form_submit", 10, HighValuePoints: 12),
            new("ad", "click", 1.25),
        ],
        ["/CAREERS", "/blog/post-1"],
        Threshold: 4);

    public static TheoryData<string, string> Windows => new()
    {
        { "2025-12-20", "2026-01-01" }, // days only, before any whole month
        { "2026-01-01", "2026-02-01" }, // exactly one whole month
        { "2025-12-15", "2026-04-10" }, // days, three whole months, days
        { "2026-02-01", "2026-02-02" }, // one day
        { "2026-01-31", "2026-03-01" }, // a day, then February whole
        { "2026-01-05", "2026-01-26" }, // three whole weeks
        { "2025-12-17", "2026-02-11" }, // days, a week, January, a week, days
        { "2025-01-01", "2027-01-01" }, // everything
        { "2026-02-01", "2026-02-01" }, // empty: no grain read at all
    };

    /// <summary>
    /// The window's points under each way a row can be priced: at write time with the stored model; from its counts,
    /// for a model never stored; from its counts, for a model saved after the events (before the re-pricing); and at
    /// write time again once the re-pricing has reached every row.
    /// </summary>
    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Window_points_equal_the_sum_of_every_events_points(string from, string to)
    {
        var events = World();
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(WindowPointsTests))).WithAsync(StoryOf(events));
        var window = new DateWindow(DateOnly.Parse(from), DateOnly.Parse(to));

        var stored = await db.Models.PricedAsync(CancellationToken.None);
        Assert.True(stored.Version > 0);
        Assert.Equal(0, await db.Repricing().StaleRowsAsync(stored, CancellationToken.None));
        await AssertPointsAsync(db.Gateway, events, stored, window);

        await AssertPointsAsync(db.Gateway, events, new PricedModel(Custom, 0), window);

        await db.Models.SaveAsync(Custom, "test", CancellationToken.None);
        var saved = await db.Models.PricedAsync(CancellationToken.None);
        Assert.True(saved.Version > stored.Version);
        Assert.True(await db.Repricing().StaleRowsAsync(saved, CancellationToken.None) > 0);
        await AssertPointsAsync(db.Gateway, events, saved, window);

        var repriced = await db.Repricing().RepriceAsync(CancellationToken.None);
        Assert.True(repriced > 0);
        Assert.Equal(0, await db.Repricing().StaleRowsAsync(saved, CancellationToken.None));
        await AssertPointsAsync(db.Gateway, events, saved, window);
    }

    /// <summary>
    /// Events of the same accounts and days stored before and after a model change, their rollup rows merged into one
    /// row per account and day priced under two models: such a row is priced from its counts, and the re-pricing
    /// fixes it.
    /// </summary>
    [Fact]
    public async Task A_row_merged_from_rows_priced_under_two_models_is_priced_from_its_counts()
    {
        var events = World();
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(WindowPointsTests))).WithAsync(StoryOf(events.Take(1_500)));
        await db.Models.SaveAsync(Custom, "test", CancellationToken.None);
        await StoryOf(events.Skip(1_500)).LoadAsync(db.Gateway);
        await db.Gateway.ExecuteAsync("OPTIMIZE TABLE account_activity_daily FINAL");
        await db.Gateway.ExecuteAsync("OPTIMIZE TABLE account_activity_monthly FINAL");
        var window = new DateWindow(DateOnly.Parse("2025-12-01"), DateOnly.Parse("2026-05-01"));
        var saved = await db.Models.PricedAsync(CancellationToken.None);

        var mixed = await db.Gateway.ListAsync(
            "SELECT count() AS n FROM account_activity_monthly WHERE model_min < model_max", new QueryParameters(), r => r.Get<long>("n"), CancellationToken.None);
        Assert.True(mixed[0] > 0);
        await AssertPointsAsync(db.Gateway, events, saved, window);

        await db.Repricing().RepriceAsync(CancellationToken.None);
        Assert.Equal(0, await db.Repricing().StaleRowsAsync(saved, CancellationToken.None));
        await AssertPointsAsync(db.Gateway, events, saved, window);
    }

    private static async Task AssertPointsAsync(IClickHouseGateway gateway, List<RawEvent> events, PricedModel priced, DateWindow window)
    {
        var expected = events
            .Where(e => DateOnly.FromDateTime(e.At) >= window.From && DateOnly.FromDateTime(e.At) < window.To)
            .GroupBy(e => e.Account)
            .ToDictionary(g => g.Key, g => g.Sum(e => priced.Model.PointsOf(e.Channel, e.Type, e.Path)));

        var actual = await PointsAsync(gateway, priced, window);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (account, points) in expected)
        {
            Assert.Equal(points, actual[account], precision: 6);
        }
    }

    [Theory]
    [InlineData("2026-01-01", "2026-02-01", "2026-01-01", "2026-02-01")]
    [InlineData("2026-01-02", "2026-03-01", "2026-02-01", "2026-03-01")]
    [InlineData("2026-01-02", "2026-02-28", "2026-02-28", "2026-02-28")]
    [InlineData("2025-12-15", "2026-04-10", "2026-01-01", "2026-04-01")]
    [InlineData("2026-01-01", "2026-01-31", "2026-01-31", "2026-01-31")]
    public void Whole_months_are_those_inside_the_window(string from, string to, string first, string end) =>
        Assert.Equal(new DateRange(DateOnly.Parse(first), DateOnly.Parse(end)), WindowCover.WholeMonths(DateOnly.Parse(from), DateOnly.Parse(to)));

    /// <summary>2025-12-15 and 2026-04-13 are Mondays; the cover has days, weeks, months, weeks, days, and nothing twice.</summary>
    [Fact]
    public void A_long_window_is_months_in_the_middle_weeks_around_them_and_days_at_the_ends()
    {
        var cover = WindowCover.Of(DateOnly.Parse("2025-12-12"), DateOnly.Parse("2026-04-16"), interval: null);

        Assert.Equal(new DateRange(DateOnly.Parse("2026-01-01"), DateOnly.Parse("2026-04-01")), cover.Months);
        Assert.Equal(
            [new(DateOnly.Parse("2025-12-15"), DateOnly.Parse("2025-12-29")), new(DateOnly.Parse("2026-04-06"), DateOnly.Parse("2026-04-13"))],
            cover.Weeks);
        Assert.Equal(
            [
                new(DateOnly.Parse("2025-12-12"), DateOnly.Parse("2025-12-15")), new(DateOnly.Parse("2025-12-29"), DateOnly.Parse("2026-01-01")),
                new(DateOnly.Parse("2026-04-01"), DateOnly.Parse("2026-04-06")), new(DateOnly.Parse("2026-04-13"), DateOnly.Parse("2026-04-16")),
            ],
            cover.Days);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Interval.Day)]
    [InlineData(Interval.Week)]
    [InlineData(Interval.Month)]
    [InlineData(Interval.Quarter)]
    public void Every_day_of_a_window_is_in_exactly_one_bucket_inside_one_trend_period(Interval? interval)
    {
        var from = DateOnly.Parse("2025-11-27");
        for (var length = 1; length < 200; length += 3)
        {
            var to = from.AddDays(length);
            var cover = WindowCover.Of(from, to, interval);
            var buckets = cover.Days.SelectMany(r => Days(r).Select(d => (Start: d, End: d.AddDays(1))))
                .Concat(cover.Weeks.SelectMany(r => Days(r).Where((_, i) => i % 7 == 0).Select(d => (Start: d, End: d.AddDays(7)))))
                .Concat(Days(cover.Months).Where(d => d.Day == 1).Select(d => (Start: d, End: d.AddMonths(1))))
                .ToList();

            Assert.Equal(Days(new DateRange(from, to)), buckets.SelectMany(b => Days(new DateRange(b.Start, b.End))).Order());
            if (interval is { } i)
            {
                Assert.All(buckets, b => Assert.Equal(Periods.StartOf(i, b.Start), Periods.StartOf(i, b.End.AddDays(-1))));
            }
        }
    }

    private static IEnumerable<DateOnly> Days(DateRange range) =>
        Enumerable.Range(0, Math.Max(0, range.To.DayNumber - range.From.DayNumber)).Select(range.From.AddDays);

    private static async Task<Dictionary<string, double>> PointsAsync(IClickHouseGateway gateway, PricedModel model, DateWindow window)
    {
        var cover = WindowCover.Of(window.From, window.To, interval: null);
        var parameters = window.ToParameters().AddModel(model).AddWindow("w", cover);
        var rows = await gateway.ListAsync(
            $"SELECT account_id, sum(points) AS points FROM ({WindowPoints.Sql("w", cover)}) GROUP BY account_id", parameters,
            r => (Account: r.Get<string>("account_id"), Points: r.Get<double>("points")), CancellationToken.None);
        return rows.ToDictionary(r => r.Account, r => r.Points);
    }

    private sealed record RawEvent(string Account, DateTime At, string Channel, string Type, string Path);

    /// <summary>Six accounts with 3,000 events from mid-December 2025 to mid-April 2026, on plain and high-value pages.</summary>
    private static List<RawEvent> World()
    {
        var random = new Random(20261124);
        (string Channel, string Type)[] kinds =
            [("web", "page_view"), ("web", "page_view"), ("web", "form_submit"), ("email", "open"), ("email", "click"), ("ad", "impression"), ("ad", "click"), ("event", "attended"), ("other", "note"),
             ("web", "demo_requested"), ("web", "signed_in"), ("web", "trial_ended")];
        string[] paths = ["/pricing", "/Demo/book", "/blog/post-1", "/blog/post-12", "/careers", "/docs", "/", "/contact-us"];
        var start = new DateTime(2025, 12, 15, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, 3_000).Select(_ =>
        {
            var account = $"acct-{random.Next(6)}";
            var at = start.AddMinutes(random.Next(0, 117 * 24 * 60));
            var (channel, type) = kinds[random.Next(kinds.Length)];
            return new RawEvent(account, at, channel, type, channel == "web" ? paths[random.Next(paths.Length)] : "");
        }).ToList();
    }

    private static Story StoryOf(IEnumerable<RawEvent> events)
    {
        var story = new Story();
        foreach (var e in events)
        {
            story.Event(e.Account, e.At, e.Channel, e.Type, url: e.Channel == "web" ? "https://vendor.example" + e.Path + "?utm_source=x" : "");
        }

        return story;
    }
}
