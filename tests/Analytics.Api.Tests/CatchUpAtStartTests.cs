using System.Text.RegularExpressions;
using Analytics.Testing;

namespace Analytics.Api.Tests;

/// <summary>
/// The start-up catch-up of missed report runs begins only once the server has started, and a stop cuts it short:
/// a server that fails its checks exits at once, and one stopped mid-render exits cleanly.
/// </summary>
public sealed class CatchUpAtStartTests
{
    [Fact]
    public async Task A_server_that_fails_its_start_up_checks_exits_without_beginning_a_catch_up()
    {
        var folder = Directory.CreateTempSubdirectory("dashboards-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ \"id\": \"broken\", \"title\": \"Broken\", \"panels\": [");
        var settings = WithCatchUp();
        settings["Dashboards:Path"] = folder;

        await using var server = await ServerProcess.RunToExitAsync(settings, TimeSpan.FromSeconds(60));

        Assert.Equal(2, server.ExitCode);
        Assert.Contains("Configuration error: dashboard broken.json", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Catching up", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_during_the_catch_up_stops_the_server_cleanly()
    {
        await using var server = await ServerProcess.StartAsync(WithCatchUp());
        await WaitForAsync(() => server.Output.Contains("Catching up weekly-executive", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var exitCode = await server.StopAsync(Signals.Term, TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("Storage closed", server.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first start with the demo (as <c>./run.sh</c> makes it): the catch-up waits until the demo is stored, so the
    /// first weekly report counts the demo company's accounts instead of an empty database's none.
    /// </summary>
    [Fact]
    public async Task On_the_first_start_with_the_demo_the_catch_up_waits_until_the_demo_is_stored()
    {
        var settings = WithCatchUp();
        settings["Demo:Load"] = "true";
        settings["ANALYTICS_ADMIN_KEY"] = "demo-admin-key-for-tests";
        await using var server = await ServerProcess.StartAsync(settings);
        await WaitForAsync(() => server.Output.Contains("weekly-executive", StringComparison.Ordinal) && server.Output.Contains("delivered:", StringComparison.Ordinal),
            TimeSpan.FromMinutes(6));

        var output = server.Output;
        var stored = output.IndexOf("Demo data set stored", StringComparison.Ordinal);
        Assert.InRange(stored, 0, output.IndexOf("Catching up weekly-executive", StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(settings["Reports:OutboxPath"], "message.html", SearchOption.AllDirectories)));
        var targets = Regex.Match(html, "Target accounts</td><td[^>]*>([^<]*)</td>");
        Assert.True(targets.Success, html);
        Assert.NotEqual("0", targets.Groups[1].Value);
    }

    private static Dictionary<string, string> WithCatchUp()
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Reports:CatchUp"] = "true";
        settings["Reports:OutboxPath"] = Path.Combine(Path.GetTempPath(), "analytics-tests", $"outbox-{Guid.NewGuid():N}");
        return settings;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not seen within {timeout.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }
}
