using Microsoft.Extensions.Options;

namespace Analytics.Reports.Tests.Scheduling;

/// <summary>A bad schedule stops the start as a configuration error naming the setting (Program turns it into exit code 2).</summary>
public sealed class BadScheduleStartupTests
{
    [Fact]
    public async Task A_bad_time_zone_stops_the_start_naming_the_setting()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(BadScheduleStartupTests));
        await using var world = await ReportsWorld.OpenAsync(database, DateTimeOffset.UnixEpoch, new Dictionary<string, string?>
        {
            ["Reports:Schedules:weekly-executive:TimeZone"] = "Europe/Atlantis",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => world.StartAsync());

        Assert.Equal("Reports:Schedules:weekly-executive:TimeZone: 'Europe/Atlantis' is not a known IANA time zone (for example Europe/Berlin).", error.Message);
    }
}
