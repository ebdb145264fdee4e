using System.Net.Http.Json;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>What the server acknowledged survives a kill -9, once: the spool is on disk before the answer.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class CrashTests
{
    [Fact]
    public async Task Every_acknowledged_event_is_stored_exactly_once_after_a_kill_and_resends_change_nothing()
    {
        var folder = HostSettings.NewDataFolder();
        var settings = HostSettings.Embedded(folder);
        var acknowledged = new List<string[]>();

        await using (var server = await ServerProcess.StartAsync(settings))
        {
            // Four clients send batches until the server is killed under them; only answered batches count.
            using var kill = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
            {
                for (var n = 0; !kill.IsCancellationRequested; n++)
                {
                    var ids = Enumerable.Range(0, 200).Select(i => $"c{client}-b{n}-e{i}").ToArray();
                    try
                    {
                        using var response = await PostJsonAsync(server, "/v1/batch", PageViewBatch(ids));
                        if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<AcceptedAnswer>())!.Accepted == ids.Length)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add(ids);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();

            // Kill once enough is acknowledged, with the clients still sending.
            try
            {
                await Eventually.MatchAsync("4,000 events to be acknowledged", () => Acknowledged(acknowledged), n => n >= 4_000);
            }
            finally
            {
                await server.KillAsync();
                kill.Cancel();
                await Task.WhenAll(clients);
            }
        }

        var expected = acknowledged.SelectMany(b => b).ToHashSet();
        Assert.True(expected.Count >= 4_000, $"only {expected.Count} events were acknowledged before the kill");

        await using (var restarted = await ServerProcess.StartAsync(settings))
        {
            await WaitForRowsAsync(restarted, "events", (ulong)expected.Count);

            // Resending acknowledged batches changes nothing.
            foreach (var batch in acknowledged.Take(5))
            {
                await PostJsonOkAsync(restarted, "/v1/batch", PageViewBatch(batch));
            }

            // Parts' row counts are no proof after a crash (a killed insert may leave rows that count there), so
            // wait for the writer to have stored everything the spool holds.
            await PostJsonOkAsync(restarted, "/v1/batch", PageViewBatch(["marker"]));
            await WaitForDrainedAsync(restarted);
            await restarted.StopCleanlyAsync();
        }

        var stored = await ReadStoppedAsync(folder, "SELECT event_id, count() FROM events WHERE event_id != 'marker' GROUP BY event_id");
        Assert.All(stored, row => Assert.Equal(1ul, row[1]));
        Assert.Superset(expected, stored.Select(r => (string)r[0]!).ToHashSet());
        Assert.Equal([[(ulong)stored.Count + 1, 1ul]], await ReadStoppedAsync(folder, "SELECT (SELECT sum(events) FROM account_engagement_daily), (SELECT count() FROM events WHERE event_id = 'marker')"));
        var totals = RollupTotals.From((await ReadStoppedAsync(folder, RollupTotals.Sql))[0]);
        Assert.Equal(totals.Agreeing(), totals);
    }

    private static int Acknowledged(List<string[]> batches)
    {
        lock (batches)
        {
            return batches.Sum(b => b.Length);
        }
    }

    private sealed record AcceptedAnswer(int Accepted);
}
