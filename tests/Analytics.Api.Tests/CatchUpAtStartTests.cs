using System.Text.RegularExpressions;

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
        // A catch-up needs a run missed since the database was first set up: set it up, then fire every second.
        var settings = WithCatchUp();
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            await first.StopCleanlyAsync(Signals.Term, TimeSpan.FromSeconds(30));
        }

        settings["Reports:Schedules:weekly-executive:Cron"] = "* * * * * ?";
        await using var server = await ServerProcess.StartAsync(settings);
        await Eventually.MatchAsync("the catch-up to begin", () => server.Output,
            output => output.Contains("Catching up weekly-executive", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await server.StopCleanlyAsync(Signals.Term, TimeSpan.FromSeconds(30));
        Assert.Contains("Storage closed", server.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A fresh install mails nothing at its first start: last week's run was due before the server existed, so it was
    /// never missed (the first start once mailed it at once, to whoever Reports:Recipients named).
    /// </summary>
    [Fact]
    public async Task The_first_start_without_the_demo_makes_no_report()
    {
        var settings = WithCatchUp();
        settings["Reports:Recipients:0"] = "ceo@example.com";
        await using var server = await ServerProcess.StartAsync(settings);
        await Eventually.MatchAsync("the server to decide not to catch up", () => server.Output,
            output => output.Contains("Not catching up weekly-executive", StringComparison.Ordinal));

        Assert.Equal(0ul, await server.StoredRowsAsync("report_runs"));
        Assert.False(Directory.Exists(settings["Reports:OutboxPath"]) && Directory.EnumerateFileSystemEntries(settings["Reports:OutboxPath"]).Any());
        Assert.DoesNotContain("Catching up weekly-executive", server.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first start with the demo (as <c>./run.sh</c> makes it): the catch-up waits until the demo is stored, so the
    /// first weekly report counts the demo company's accounts instead of an empty database's none. The demo makes it though
    /// it was due before this first start: a demo shows its last weekly report at once.
    /// </summary>
    [Fact]
    public async Task On_the_first_start_with_the_demo_the_catch_up_waits_until_the_demo_is_stored()
    {
        var settings = WithCatchUp();
        settings["Demo:Load"] = "true";
        settings["ANALYTICS_ADMIN_KEY"] = "demo-admin-key-for-tests";
        await using var server = await ServerProcess.StartAsync(settings);
        await Eventually.MatchAsync("the caught-up weekly report to be delivered", () => server.Output,
            output => output.Contains("weekly-executive", StringComparison.Ordinal) && output.Contains("delivered:", StringComparison.Ordinal),
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
        var settings = HostSettings.Embedded(HostSettings.NewEmptyDataFolder());
        settings["Reports:CatchUp"] = "true";
        settings["Reports:OutboxPath"] = TestFolders.NewPath("outbox");
        return settings;
    }
}
