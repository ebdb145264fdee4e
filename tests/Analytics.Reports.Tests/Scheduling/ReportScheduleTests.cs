using Analytics.Reports.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Reports.Tests.Scheduling;

/// <summary>Monday 08:00 in the report's zone stays Monday 08:00 there across both daylight-saving changes.</summary>
public sealed class ReportScheduleTests
{
    public static TheoryData<string, DateTimeOffset, int, int> DaylightSavingChanges() => new()
    {
        // zone, a clock before the change, the UTC hour of the fire before the change and after it
        { "Europe/Berlin", new(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), 7, 6 },      // CET → CEST on Sunday 29 March
        { "Europe/Berlin", new(2026, 10, 12, 0, 0, 0, TimeSpan.Zero), 6, 7 },     // CEST → CET on Sunday 25 October
        { "America/New_York", new(2026, 2, 23, 0, 0, 0, TimeSpan.Zero), 13, 12 }, // EST → EDT on Sunday 8 March
        { "America/New_York", new(2026, 10, 19, 0, 0, 0, TimeSpan.Zero), 12, 13 }, // EDT → EST on Sunday 1 November
    };

    [Theory]
    [MemberData(nameof(DaylightSavingChanges))]
    public void Monday_0800_local_stays_Monday_0800_across_a_daylight_saving_change(string zoneId, DateTimeOffset start, int hourBefore, int hourAfter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var schedule = new ReportSchedule("weekly-executive", "0 0 8 ? * MON", "Reports:Schedules:weekly-executive", zone);
        var clock = new FakeTimeProvider(start);

        var fires = new List<DateTimeOffset>();
        for (var week = 0; week < 5; week++)
        {
            var next = schedule.NextAfter(clock.GetUtcNow())!.Value;
            clock.Advance(next - clock.GetUtcNow());
            fires.Add(clock.GetUtcNow());
        }

        var local = fires.Select(f => TimeZoneInfo.ConvertTime(f, zone)).ToList();
        Assert.All(local, l => Assert.Equal((DayOfWeek.Monday, 8, 0), (l.DayOfWeek, l.Hour, l.Minute)));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => DateOnly.FromDateTime(local[0].DateTime).AddDays(7 * i)),
            local.Select(l => DateOnly.FromDateTime(l.DateTime)));
        Assert.Equal([hourBefore, hourBefore, hourAfter, hourAfter, hourAfter], fires.Select(f => f.UtcDateTime.Hour));
        Assert.All(fires, f => Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f, zone).DateTime), schedule.PeriodEndFor(f)));
    }

    [Fact]
    public void The_last_fire_at_or_before_now_is_the_one_to_catch_up()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var schedule = new ReportSchedule("weekly-executive", "0 0 8 ? * MON", "Reports:Schedules:weekly-executive", berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero), schedule.LastAtOrBefore(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), schedule.LastAtOrBefore(new DateTimeOffset(2026, 11, 30, 6, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 23), schedule.PeriodEndFor(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-11-30")]    // Monday 01:30 there: the week that ended at midnight is complete
    [InlineData("America/New_York", "2026-11-23")] // still Sunday evening there: the week before is the last complete one
    [InlineData("UTC", "2026-11-30")]
    public void RunReport_defaults_to_the_last_complete_Monday_to_Monday_week_in_the_reports_zone(string zone, string periodEnd)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ReportOptions { TimeZone = zone });

        var end = new ReportCatalog([], [], options).DefaultPeriodEnd("weekly-executive", new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal(DateOnly.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture), end);
    }

    [Theory]
    [InlineData("0 0 8 ? * MON", "Mars/Olympus", "Reports:Schedules:weekly-executive:TimeZone: 'Mars/Olympus' is not a known IANA time zone (for example Europe/Berlin).")]
    [InlineData("every monday", "UTC", "Reports:Schedules:weekly-executive:Cron: 'every monday' is not a Quartz cron expression (seconds first, e.g. '0 0 8 ? * MON').")]
    public void A_bad_schedule_is_named_by_its_setting(string cron, string zone, string message)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ReportOptions
        {
            Schedules = { ["weekly-executive"] = new ReportScheduleOptions { Cron = cron, TimeZone = zone } },
        });

        var error = Assert.Throws<ReportConfigurationException>(() => new ReportCatalog([], [], options).Validate());

        Assert.Equal(message, error.Message);
    }

    /// <summary>The surge digest is a report like the others: its own schedule is named by its own setting when wrong.</summary>
    [Fact]
    public void The_surge_digest_schedule_is_named_by_its_own_setting()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ReportOptions
        {
            Surge = { Cron = "daily", Owners = { ["alice"] = "alice@example.com" } },
        });
        var digest = new Analytics.Reports.Alerts.SurgeDigest(null!, options);

        var error = Assert.Throws<ReportConfigurationException>(() => new ReportCatalog([digest], [], options).Validate());

        Assert.Equal("Reports:Surge:Cron: 'daily' is not a Quartz cron expression (seconds first, e.g. '0 0 8 ? * MON').", error.Message);
    }
}
