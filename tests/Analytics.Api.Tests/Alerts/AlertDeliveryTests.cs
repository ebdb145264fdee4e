using System.Globalization;
using System.Net.Sockets;
using static Analytics.Api.Tests.Alerts.AlertServer;

namespace Analytics.Api.Tests.Alerts;

/// <summary>
/// Alerts on the real server process, delivered to a real receiver process on loopback (allowed by configuration):
/// each alert arrives once, signed, is retried until the receiver takes it, and survives a kill -9 with its key.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class AlertDeliveryTests
{
    [Fact]
    public async Task A_surge_and_a_stage_entry_arrive_once_each_signed_and_naming_the_account()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var server = await ServerProcess.StartAsync(Settings(HostSettings.NewDataFolder()));
        await ImportAsync(server, "accounts", "account_id,name,owner\nacme,Acme Corp,alice\nglobex,Globex,bob\n");
        await SaveRuleAsync(server, new { name = "Engaged accounts", kind = "STAGE_ENTERED", stage = "ENGAGED", channel = "WEBHOOK", url = receiver.Url("/stage"), secret = Secret });
        await SaveRuleAsync(server, new { name = "Surging accounts", kind = "SURGE", factor = 3.0, channel = "WEBHOOK", url = receiver.Url("/surge"), secret = Secret });

        // acme: a page view a week over the four weeks before the last seven days, then 15 now (surge 15, and engaged
        // from tonight's midnight); globex: one page view now (neither surging nor engaged).
        var now = DateTime.UtcNow;
        var views = new[] { 8, 15, 22, 29 }.Select(d => now.AddDays(-d)).Concat(Enumerable.Range(1, 15).Select(i => now.AddSeconds(-2 * i)))
            .Select((t, i) => $"acme-{i},{Iso(t)},web,page_view,acme,https://acme.example/docs")
            .Append($"globex-0,{Iso(now.AddSeconds(-5))},web,page_view,globex,https://globex.example/docs");
        await ImportAsync(server, "events", "event_id,timestamp,channel,type,account_id,url\n" + string.Join("\n", views) + "\n");
        var two = await receiver.WaitForAsync(2);

        // A third rule, last by name, alerts on a detractor answer: its alert means a whole later round checked the
        // first two rules again, and found nothing new.
        await SaveRuleAsync(server, new { name = "Z detractors", kind = "FOLLOW_UP_OPENED", channel = "WEBHOOK", url = receiver.Url("/followup"), secret = Secret });
        await AnswerAsync(server, "r1", "globex");
        var received = await receiver.WaitForAsync(3);
        var deliveries = await WaitForDeliveriesAsync(server, d => d.Length == 3 && d.All(a => a.GetProperty("status").GetString() == "DELIVERED"));

        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.True(r.SignatureIsValid(Secret), $"bad signature: {r.Headers["analytics-signature"]}"));
        Assert.All(received, r => Assert.Equal(r.IdempotencyKey, r.Json.GetProperty("id").GetString()));
        Assert.All(received, r => Assert.Equal(200, r.Status));
        var byKind = received.ToDictionary(r => r.Json.GetProperty("kind").GetString()!);
        Assert.Equal(["FOLLOW_UP_OPENED", "STAGE_ENTERED", "SURGE"], byKind.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["STAGE_ENTERED", "SURGE"], two.Select(r => r.Json.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));

        var surge = byKind["SURGE"].Json;
        Assert.Equal(("acme", "Acme Corp", "http://127.0.0.1:8080/#/sales?accountId=acme", "Surging accounts"),
            (Text(surge, "account", "id"), Text(surge, "account", "name"), Text(surge, "account", "url"), Text(surge, "rule", "name")));
        Assert.Equal((15.0, 3.0, 15.0, 1.0), (Number(surge, "surge"), Number(surge, "factor"), Number(surge, "pointsLast7Days"), Number(surge, "weeklyMeanBefore")));
        var stage = byKind["STAGE_ENTERED"].Json;
        var tonight = DateOnly.FromDateTime(now).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(("acme", "ENGAGED", "AWARE", tonight, $"{tonight}T00:00:00.000Z"),
            (Text(stage, "account", "id"), Text(stage, "details", "stage"), Text(stage, "details", "previousStage"), Text(stage, "details", "day"), stage.GetProperty("occurredAt").GetString()));
        Assert.Equal("Acme Corp entered the ENGAGED stage on " + tonight + " (from AWARE).", stage.GetProperty("summary").GetString());
        Assert.Equal(("globex", 3), (Text(byKind["FOLLOW_UP_OPENED"].Json, "account", "id"), byKind["FOLLOW_UP_OPENED"].Json.GetProperty("details").GetProperty("score").GetInt32()));
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        Assert.Equal(received.Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal), deliveries.EnumerateArray().Select(d => d.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        await server.StopCleanlyAsync();
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_alert_once_and_the_history_shows_the_retries()
    {
        await using var receiver = await AlertReceiver.StartAsync(fail: 3);
        await using var server = await ServerProcess.StartAsync(Settings(HostSettings.NewDataFolder()));
        await ImportAsync(server, "accounts", "account_id,name,owner\nacme,Acme Corp,alice\n");
        await SaveRuleAsync(server, new { name = "Detractors", kind = "FOLLOW_UP_OPENED", channel = "WEBHOOK", url = receiver.Url(), secret = Secret });
        await AnswerAsync(server, "r1", "acme");

        var deliveries = await WaitForDeliveriesAsync(server, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "DELIVERED");
        var received = receiver.Received();

        var alert = deliveries[0];
        Assert.Equal(("Detractors", "FOLLOW_UP_OPENED", "acme", "Acme Corp", 4),
            (alert.GetProperty("ruleName").GetString(), alert.GetProperty("kind").GetString(), alert.GetProperty("accountId").GetString(),
                alert.GetProperty("accountName").GetString(), alert.GetProperty("attempts").GetInt32()));
        Assert.Equal("HTTP 500 Internal Server Error: receiver failing on purpose", alert.GetProperty("lastError").GetString());
        Assert.Equal(
            [(1, 500, true), (2, 500, true), (3, 500, true), (4, 200, false)],
            alert.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("attempt").GetInt32(), h.GetProperty("statusCode").GetInt32(), h.GetProperty("error").ValueKind == JsonValueKind.String)));
        Assert.Equal([500, 500, 500, 200], received.Select(r => r.Status));
        Assert.All(received, r => Assert.Equal(alert.GetProperty("key").GetString(), r.IdempotencyKey));
        Assert.All(received, r => Assert.True(r.SignatureIsValid(Secret)));
        Assert.Single(received.Select(r => r.Body).Distinct()); // the same body on every attempt; only the signature's time changes
        await server.StopCleanlyAsync();
    }

    [Fact]
    public async Task A_kill_between_detection_and_delivery_neither_loses_nor_doubles_the_alert()
    {
        var folder = HostSettings.NewDataFolder();
        var port = FreePort(); // nobody listens there yet: the first server's attempts fail to connect
        string key;
        await using (var first = await ServerProcess.StartAsync(Settings(folder)))
        {
            await ImportAsync(first, "accounts", "account_id,name,owner\nacme,Acme Corp,alice\n");
            await SaveRuleAsync(first, new { name = "Detractors", kind = "FOLLOW_UP_OPENED", channel = "WEBHOOK", url = $"http://127.0.0.1:{port}/hook", secret = Secret });
            await AnswerAsync(first, "r1", "acme");
            var pending = await WaitForDeliveriesAsync(first, d => d.Length == 1 && d[0].GetProperty("attempts").GetInt32() >= 1);
            Assert.Equal("PENDING", pending[0].GetProperty("status").GetString());
            key = pending[0].GetProperty("key").GetString()!;
            await first.KillAsync();
        }

        await using var receiver = await AlertReceiver.StartAsync(port: port);
        await using var second = await ServerProcess.StartAsync(Settings(folder));
        await receiver.WaitForAsync(1);
        // A second answer's alert means detection ran again after the restart over the first follow-up too.
        await AnswerAsync(second, "r2", "acme");
        var deliveries = await WaitForDeliveriesAsync(second, d => d.Length == 2 && d.All(a => a.GetProperty("status").GetString() == "DELIVERED"));
        var received = receiver.Received();

        Assert.Equal(2, received.Count);
        Assert.Equal(key, received[0].IdempotencyKey);
        Assert.NotEqual(key, received[1].IdempotencyKey);
        Assert.All(received, r => Assert.True(r.SignatureIsValid(Secret)));
        var killed = deliveries.EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);
        Assert.True(killed.GetProperty("attempts").GetInt32() >= 2, killed.ToString());
        Assert.Equal(200, killed.GetProperty("history").EnumerateArray().Last().GetProperty("statusCode").GetInt32());
        await second.StopCleanlyAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Text(JsonElement json, string a, string b) => json.GetProperty(a).GetProperty(b).GetString();

    private static double Number(JsonElement json, string name) => Math.Round(json.GetProperty("details").GetProperty(name).GetDouble(), 2);
}
