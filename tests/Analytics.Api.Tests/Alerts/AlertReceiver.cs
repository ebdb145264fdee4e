using System.Globalization;
using System.Security.Cryptography;

namespace Analytics.Api.Tests.Alerts;

/// <summary>One request the receiver process recorded: its headers (lower-case names), raw body and the status it answered.</summary>
internal sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, string Body, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string IdempotencyKey => Headers["idempotency-key"];

    /// <summary>
    /// Checks <c>Analytics-Signature</c> as a receiver would (docs/contract.md): HMAC-SHA256 of "t.body" under the secret,
    /// compared in constant time, and t within five minutes of now.
    /// </summary>
    public bool SignatureIsValid(string secret)
    {
        var parts = Headers["analytics-signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{Body}"));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) <= 300;
        return fresh && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }
}

/// <summary>tests/clients/alert-receiver.mjs as a process on a loopback port, answering 500 to its first <c>fail</c> requests.</summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly RunningNodeClient _process;
    private readonly string _file;

    private AlertReceiver(RunningNodeClient process, string file, int port)
    {
        _process = process;
        _file = file;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path = "/hook") => $"http://127.0.0.1:{Port}{path}";

    public static async Task<AlertReceiver> StartAsync(int fail = 0, int port = 0)
    {
        var file = TestFolders.NewPath("received") + ".jsonl";
        var process = await NodeClients.StartAsync("alert-receiver.mjs", new Dictionary<string, string>
        {
            ["OUT"] = file,
            ["FAIL"] = fail.ToString(CultureInfo.InvariantCulture),
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
        });
        return new AlertReceiver(process, file, JsonDocument.Parse(process.Ready).RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>Every request recorded so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received() => !File.Exists(_file) ? [] : File.ReadAllLines(_file).Select(line =>
    {
        var json = JsonDocument.Parse(line).RootElement;
        var headers = json.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.Ordinal);
        return new ReceivedRequest(headers, json.GetProperty("body").GetString()!, json.GetProperty("status").GetInt32());
    }).ToList();

    /// <summary>Waits until at least <paramref name="count"/> requests were recorded.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count) =>
        Eventually.MatchAsync($"{count} request(s) at the receiver", Received, r => r.Count >= count);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
