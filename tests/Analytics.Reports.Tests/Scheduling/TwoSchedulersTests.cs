using System.Globalization;
using System.Text.Json;
using Analytics.Reports.Tests.Support;
using Analytics.Testing;

namespace Analytics.Reports.Tests.Scheduling;

/// <summary>Two servers on one database, each with its own Quartz scheduler firing the same report: one delivery.</summary>
[Collection(ReportsHosts.Collection)]
public sealed class TwoSchedulersTests
{
    [Fact]
    public async Task Two_servers_whose_schedules_fire_together_deliver_the_period_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Database"] = TestEngine.UniqueDatabase(nameof(TwoSchedulersTests)),
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:StartTls"] = "never",
            ["Reports:Recipients:0"] = "board@example.com",
            // Every second: every fire of the day asks for the same period, on both servers.
            ["Reports:Schedules:weekly-executive:Cron"] = "* * * * * ?",
        };
        await using var one = new ReportsHost(nameof(TwoSchedulersTests), settings);
        await using var two = new ReportsHost(nameof(TwoSchedulersTests), settings);
        try
        {
            _ = one.Services;
            _ = two.Services;
            await Task.Delay(TimeSpan.FromSeconds(4));
            var runs = await one.QueryAsync("""{ reportRuns { id status node } }""", key: ReportsHost.ViewerKey);

            var run = Assert.Single(runs.GetProperty("data").GetProperty("reportRuns").EnumerateArray());
            Assert.Equal("delivered", run.GetProperty("status").GetString());
            Assert.Single(await smtp.WaitForAsync(1));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Single(smtp.Messages());
        }
        finally
        {
            await one.DropDatabaseAsync();
        }
    }
}
