using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.Testing;

/// <summary>
/// The real server, <c>Analytics.Api.dll</c> as built beside the tests, run as a child process on a free loopback port,
/// so tests can stop it with a signal, kill it, and start it again on the same data folder.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient? _client;

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>
    /// The port the server listens on. The server binds port 0 and says which port it got ("Now listening on:"):
    /// a port picked free by the test and handed over could be taken by a parallel test's server first, whose /healthz
    /// then answers for this one.
    /// </summary>
    public int Port => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("The server has not said its port yet.");

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The server's peak resident memory so far (VmHWM), in bytes; 0 once it has exited.</summary>
    public long PeakMemoryBytes
    {
        get
        {
            var status = $"/proc/{_process.Id}/status";
            var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>A client of the server, once it listens.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("The server has not said its port yet.");

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server with the given settings (<c>Section:Key</c> → value) and waits for /healthz to answer 200.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var server = Launch(settings);
        await server.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Starts the server and waits for it to exit by itself (for start-up failures); returns it exited.</summary>
    public static async Task<ServerProcess> RunToExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var server = Launch(settings);
        using var cts = new CancellationTokenSource(timeout);
        await server._process.WaitForExitAsync(cts.Token);
        return server;
    }

    /// <summary>The rows a table holds, from the server's admin storage report (<c>GET /v1/admin/storage</c>).</summary>
    public async Task<ulong> StoredRowsAsync(string table, string adminKey = HostSettings.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/storage");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("table").GetString() == table).GetProperty("rows").GetUInt64();
    }

    /// <summary>Sends a signal (SIGTERM, SIGINT) and waits for the process to end.</summary>
    public async Task<int> StopAsync(int signal = Signals.Term, TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, signal);
            var wait = timeout ?? TimeSpan.FromSeconds(30);
            using var cts = new CancellationTokenSource(wait);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server did not stop within {wait.TotalSeconds} s of signal {signal}. Its output:\n{Output}");
            }
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Sends a signal and fails, with the server's output, unless the process ends with exit code 0: a crash at exit
    /// (139, a segmentation fault) then shows what the server was doing.
    /// </summary>
    public async Task StopCleanlyAsync(int signal = Signals.Term, TimeSpan? timeout = null)
    {
        var exitCode = await StopAsync(signal, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The server exited with code {exitCode} after signal {signal}, not 0. Its output:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _client?.Dispose();
        _process.Dispose();
    }

    private static ServerProcess Launch(IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
        };
        info.ArgumentList.Add(ApiAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment.Remove("ANALYTICS_ADMIN_KEY");
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }

        // The host's line, as text or as JSON: "Now listening on: http://127.0.0.1:41234".
        if (!_listening.Task.IsCompleted && line.Contains("Now listening on", StringComparison.Ordinal)
            && ListeningAddress().Match(line) is { Success: true } address)
        {
            var port = int.Parse(address.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            _listening.TrySetResult(port);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"http://127\.0\.0\.1:(\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningAddress();

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        try
        {
            await Eventually.MatchAsync("the server to answer /healthz with 200", async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy:\n{Output}");
                }

                if (_client is null)
                {
                    return "not listening yet";
                }

                try
                {
                    using var response = await _client.GetAsync("/healthz");
                    return response.StatusCode.ToString();
                }
                catch (HttpRequestException e)
                {
                    return e.Message; // not listening yet
                }
            }, status => status == nameof(HttpStatusCode.OK), timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}. Its output:\n{Output}", e);
        }
    }

    /// <summary>The server assembly built beside these tests, in the same configuration.</summary>
    private static string ApiAssembly => LazyApiAssembly.Value;

    private static readonly Lazy<string> LazyApiAssembly = new(() =>
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
            {
                var path = Path.Combine(dir.FullName, "src", "Api", "bin", configuration, "net10.0", "Analytics.Api.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"Build the server first: {path} is missing.");
            }
        }

        throw new DirectoryNotFoundException("Analytics.sln not found above the test folder.");
    });

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

/// <summary>POSIX signal numbers on Linux.</summary>
public static class Signals
{
    public const int Int = 2;
    public const int Kill = 9;
    public const int Term = 15;
}
