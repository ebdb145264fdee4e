namespace Analytics.Api.Tests;

/// <summary>A bad setting stops the server at once with one line that names it, and exit code 2.</summary>
public sealed class StartupFailureTests
{
    public static TheoryData<string, string, string, string> BadSettings() => new()
    {
        { "Storage:Backend", "cassandra", "Storage:Backend", "'cassandra' is not a storage backend; use 'embedded' or 'server'." },
        { "Storage:ChdbLibrary", "/nonexistent/libchdb.so", "Storage:ChdbLibrary", "run ./scripts/setup.sh to install it" },
        { "Storage:Path", "/proc/version/data", "Storage:Path", "is not writable" },
        { "Storage:ClickHouse", "Host=127.0.0.1;Port=1;Protocol=http", "Storage:ClickHouse", "cannot reach ClickHouse at http://127.0.0.1:1" },
        { "Storage:Backend", "server", "Storage:ClickHouse", "a connection string is required when Storage:Backend is 'server'." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_storage_setting_fails_fast_naming_the_setting(string key, string value, string named, string reason)
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings[key] = value;
        settings["Storage:ServerRetries"] = "1";

        await using var server = await ServerProcess.RunToExitAsync(settings, TimeSpan.FromSeconds(60));
        var errorLine = Assert.Single(server.Output.Split('\n'), l => l.StartsWith("Configuration error:", StringComparison.Ordinal));

        Assert.Equal(2, server.ExitCode);
        Assert.StartsWith($"Configuration error: {named}: ", errorLine, StringComparison.Ordinal);
        Assert.Contains(reason, errorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_an_unknown_role_fails_fast_naming_the_key()
    {
        var settings = HostSettings.Embedded(HostSettings.NewDataFolder());
        settings["Auth:Keys:1:Roles:0"] = "superuser";

        await using var server = await ServerProcess.RunToExitAsync(settings, TimeSpan.FromSeconds(60));

        Assert.Equal(2, server.ExitCode);
        Assert.Contains("Configuration error: Auth:Keys:1:Roles of key 'tests-viewer' has unknown roles superuser", server.Output, StringComparison.Ordinal);
    }
}
