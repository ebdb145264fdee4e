using Analytics.Storage;
using Analytics.Storage.Embedded;

namespace Analytics.Api.Tests;

/// <summary>
/// Rows written to a data folder survive the server stopping (cleanly or killed) and starting again on it.
/// chDB lets one process at a time hold a folder, so the test writes and reads the rows with its own engine
/// between server runs, and asks each run what it sees.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class RestartTests
{
    private const int EventCount = 20_000;

    [Theory]
    [InlineData(Signals.Term)]
    [InlineData(Signals.Kill)]
    public async Task Rows_written_before_a_stop_are_all_there_after_a_restart(int stopSignal)
    {
        var folder = HostSettings.NewEmptyDataFolder();
        var settings = HostSettings.Embedded(folder);

        // First run creates the schema.
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            await first.StopCleanlyAsync();
        }

        var written = Events().ToList();
        await WithFolderAsync(folder, g => g.InsertAsync("events", Columns, written));

        // Second run sees every row, then is stopped the hard or the soft way.
        await using (var second = await ServerProcess.StartAsync(settings))
        {
            Assert.Equal((ulong)EventCount, await second.StoredRowsAsync("events"));
            Assert.Contains("Schema up to date (0 migrations applied now", second.Output, StringComparison.Ordinal);
            if (stopSignal == Signals.Kill)
            {
                await second.KillAsync();
            }
            else
            {
                await second.StopCleanlyAsync(stopSignal);
            }
        }

        // Third run still sees them; then every row is read back and compared, value for value.
        await using (var third = await ServerProcess.StartAsync(settings))
        {
            Assert.Equal((ulong)EventCount, await third.StoredRowsAsync("events"));
            await third.StopCleanlyAsync();
        }

        var read = await WithFolderAsync(folder, async g =>
        {
            var rows = new List<object?[]>();
            await foreach (var row in g.QueryAsync($"SELECT {string.Join(", ", Columns)} FROM events ORDER BY event_id"))
            {
                rows.Add(Enumerable.Range(0, Columns.Length).Select(i => row[i]).ToArray());
            }

            return rows;
        });
        Assert.Equal(written.OrderBy(r => (string)r[0]!, StringComparer.Ordinal), read);
    }

    private static readonly string[] Columns = ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "url", "properties"];

    private static IEnumerable<object?[]> Events()
    {
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < EventCount; i++)
        {
            yield return
            [
                $"evt-{i:D6}", start.AddMinutes(i * 7.5), start.AddMinutes(i * 7.5).AddSeconds(3), i % 3 == 0 ? "web" : "email",
                i % 3 == 0 ? "page_view" : "open", $"acct-{i % 97}", $"https://example.com/p/{i % 13}", $"{{\"n\":{i},\"q\":\"it's \\\"quoted\\\"\"}}",
            ];
        }
    }

    private static async Task<T> WithFolderAsync<T>(string folder, Func<IClickHouseGateway, Task<T>> work)
    {
        await using var gateway = await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, folder, "analytics");
        return await work(gateway);
    }
}
