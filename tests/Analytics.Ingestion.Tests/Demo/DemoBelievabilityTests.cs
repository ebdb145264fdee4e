namespace Analytics.Ingestion.Tests.Demo;

/// <summary>The demo must make the dashboards interesting: these figures are measured from the generated data itself.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoBelievabilityTests(DemoFixture fixture)
{
    [Fact]
    public void Win_rate_is_realistic_and_some_deals_are_still_open()
    {
        var opportunities = fixture.Rows("opportunities");
        var won = opportunities.Count(o => o["status"] == "won");
        var lost = opportunities.Count(o => o["status"] == "lost");
        var open = opportunities.Count(o => o["status"] == "open");

        Assert.InRange((double)won / (won + lost), 0.15, 0.40);
        Assert.InRange(open, 20, opportunities.Count / 2);
        Assert.Contains(opportunities, o => o["type"] == "Expansion");
    }

    [Fact]
    public void Every_opportunity_closes_after_it_opens_and_won_cycles_take_30_to_120_days()
    {
        var opportunities = fixture.Rows("opportunities");
        foreach (var o in opportunities.Where(o => o["closed_at"] != ""))
        {
            var created = DateTimeOffset.Parse(o["created_at"], CultureInfo.InvariantCulture);
            var closed = DateTimeOffset.Parse(o["closed_at"], CultureInfo.InvariantCulture);
            Assert.True(closed >= created, $"{o["opportunity_id"]} closes before it opens");
            if (o["status"] == "won")
            {
                Assert.InRange((closed - created).TotalDays, 30, 120);
            }
        }
    }

    [Fact]
    public void Deals_are_bigger_on_higher_tiers()
    {
        var tierOf = fixture.Data.Accounts.ToDictionary(a => a.AccountId, a => a.Tier ?? "none");
        var mean = fixture.Data.Opportunities.Where(o => o.Type == "New Business")
            .GroupBy(o => tierOf[o.AccountId!]).ToDictionary(g => g.Key, g => g.Average(o => o.Amount!.Value));

        Assert.True(mean["Tier 1"] > mean["Tier 2"] && mean["Tier 2"] > mean["Tier 3"]);
    }

    [Fact]
    public void Weekdays_are_busier_than_weekends()
    {
        var perDay = WireTimestamps().GroupBy(t => t.Date).ToList();
        var weekday = perDay.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Count());
        var weekend = perDay.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Count());

        Assert.True(weekday > 3 * weekend, $"weekday mean {weekday:F0}, weekend mean {weekend:F0}");
    }

    [Fact]
    public void Summer_dips_and_q4_pushes()
    {
        var perDay = WireTimestamps().GroupBy(t => t.Date).ToDictionary(g => g.Key, g => g.Count());
        double Mean(params int[] months) => perDay.Where(d => months.Contains(d.Key.Month)).Average(d => d.Value);

        Assert.True(Mean(7, 8) < 0.85 * Mean(5, 6), "summer dip");
        Assert.True(Mean(10, 11) > 1.15 * Mean(5, 6), "Q4 push");
    }

    [Fact]
    public void Some_target_accounts_surge_in_the_last_week_against_their_previous_four_weeks()
    {
        var now = fixture.Data.Now.UtcDateTime;
        var points = fixture.Data.Messages.Where(m => m.AccountId is not null && m.Timestamp >= now.AddDays(-35))
            .GroupBy(m => m.AccountId!)
            .Select(g => (
                ThisWeek: g.Where(m => m.Timestamp >= now.AddDays(-7)).Sum(m => m.Points),
                PreviousMean: g.Where(m => m.Timestamp < now.AddDays(-7)).Sum(m => m.Points) / 4.0))
            .ToList();
        var surging = points.Count(p => p.PreviousMean >= 2 && p.ThisWeek >= 3 * p.PreviousMean);

        Assert.InRange(surging, 10, 300);
    }

    [Fact]
    public void Nps_is_positive_but_not_perfect_with_all_three_groups_and_segments_differ()
    {
        var nps = fixture.Rows("survey-responses").Where(r => r["survey"] == "nps")
            .Select(r => (Score: int.Parse(r["score"], CultureInfo.InvariantCulture), Segment: r["segment"])).ToList();
        static double Score(IReadOnlyCollection<(int Score, string Segment)> rs) =>
            100.0 * (rs.Count(r => r.Score >= 9) - rs.Count(r => r.Score <= 6)) / rs.Count;

        Assert.InRange(Score(nps), 0, 60);
        Assert.Contains(nps, r => r.Score >= 9);
        Assert.Contains(nps, r => r.Score is 7 or 8);
        Assert.Contains(nps, r => r.Score <= 6);
        var bySegment = nps.GroupBy(r => r.Segment).ToDictionary(g => g.Key, g => Score(g.ToList()));
        Assert.True(bySegment["Enterprise"] > bySegment["SMB"]);

        var csat = fixture.Rows("survey-responses").Where(r => r["survey"] == "csat").Select(r => int.Parse(r["score"], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(100.0 * csat.Count(s => s >= 4) / csat.Count, 60, 95);
    }

    [Fact]
    public void Comments_vary_in_tone_and_theme()
    {
        var comments = fixture.Data.SurveyResponses.Where(r => r.Comment is not null).ToList();

        Assert.True(comments.Select(c => c.Comment).Distinct().Count() >= 60);
        foreach (var theme in new[] { "Onboarding", "Support", "ricing", "slow", "sync" })
        {
            Assert.Contains(comments, c => c.Comment!.Contains(theme, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(comments, c => c.Survey == "nps" && c.Score <= 6);
        Assert.Contains(comments, c => c.Survey == "nps" && c.Score >= 9);
    }

    [Fact]
    public void The_relationship_nps_runs_every_month_so_any_four_weeks_up_to_now_hold_answers()
    {
        var answeredAt = fixture.Data.SurveyResponses.Where(r => r.Survey == "nps").Select(r => r.RespondedAt).ToList();
        var now = DemoFixture.Now.UtcDateTime;

        for (var end = now; end > now.AddDays(-330); end = end.AddDays(-7))
        {
            var inFourWeeks = answeredAt.Count(at => at >= end.AddDays(-28) && at < end);
            Assert.True(inFourWeeks >= 30, $"{inFourWeeks} NPS answers in the four weeks before {end:yyyy-MM-dd}: a small sample");
        }
    }

    [Fact]
    public void Customers_in_singapore_often_comment_in_chinese()
    {
        var singapore = fixture.Data.Accounts.Where(a => a.Country == "Singapore").Select(a => a.AccountId).ToHashSet();
        var comments = fixture.Data.SurveyResponses.Where(r => r.Comment is not null).ToList();
        var chinese = comments.Where(c => c.Comment!.Any(ch => ch is >= '\u4e00' and <= '\u9fff')).ToList();

        Assert.True(chinese.Count >= 10, $"{chinese.Count} Chinese comments");
        Assert.All(chinese, c => Assert.True(singapore.Contains(c.AccountId!), c.AccountId));
        Assert.Contains(chinese, c => c.Survey == "nps" && c.Score <= 6);
    }

    [Fact]
    public void Anonymous_visitors_are_identified_later_so_their_earlier_pages_count_retroactively()
    {
        var identifiedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var m in fixture.SegmentMessages.Where(m => m.GetProperty("type").GetString() == "identify"))
        {
            var id = m.GetProperty("anonymousId").GetString()!;
            var at = Timestamp(m);
            if (!identifiedAt.TryGetValue(id, out var known) || at < known)
            {
                identifiedAt[id] = at;
            }
        }

        var anonymousBefore = fixture.SegmentMessages
            .Where(m => m.GetProperty("type").GetString() == "page" && !m.TryGetProperty("userId", out _))
            .Count(m => identifiedAt.TryGetValue(m.GetProperty("anonymousId").GetString()!, out var at) && Timestamp(m) < at);
        var groups = fixture.SegmentMessages.Count(m => m.GetProperty("type").GetString() == "group");

        Assert.True(anonymousBefore >= 1000, $"{anonymousBefore} anonymous page views before their visitor is identified");
        Assert.True(groups >= 1000, $"{groups} group calls");
    }

    [Fact]
    public void Every_channel_and_event_type_is_present()
    {
        var kinds = fixture.Data.Messages.Select(m => (m.Channel, m.Type)).ToHashSet();

        foreach (var expected in new (string?, string)[]
        {
            ("ad", "impression"), ("ad", "click"), ("email", "delivered"), ("email", "open"), ("email", "click"),
            ("web", "page_view"), ("web", "form_submit"), ("event", "attended"), (null, "identify"), (null, "group"),
        })
        {
            Assert.Contains(expected, kinds);
        }

        Assert.Contains(fixture.SegmentMessages, m => m.GetProperty("type").GetString() == "page"
            && m.GetProperty("properties").GetProperty("url").GetString()!.Contains("/pricing", StringComparison.Ordinal));
        Assert.True(fixture.Data.AdPerformance.Select(r => r.Platform).Distinct().Count() == 2);
    }

    /// <summary>Every engagement timestamp as it is on the wire: Segment ISO strings and SendGrid unix seconds.</summary>
    private IEnumerable<DateTime> WireTimestamps() =>
        fixture.SegmentMessages.Select(m => Timestamp(m).UtcDateTime)
            .Concat(fixture.SendGridEvents.Select(e => DateTimeOffset.FromUnixTimeSeconds(e.GetProperty("timestamp").GetInt64()).UtcDateTime));

    private static DateTimeOffset Timestamp(JsonElement message) =>
        DateTimeOffset.Parse(message.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
}
