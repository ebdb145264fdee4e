using System.Diagnostics;

namespace Analytics.Testing;

/// <summary>
/// Runs a script of tests/clients (an ES module beside the pinned npm clients: graphql-js, urql, Segment's library)
/// with Node, so tests can drive the server with the real third-party libraries rather than an imitation of them.
/// </summary>
public static class NodeClients
{
    /// <summary>tests/clients in the source tree, found by walking up from the test binaries.</summary>
    public static string Folder { get; } = Find();

    /// <summary>
    /// Runs <c>node &lt;script&gt;</c> in the clients folder with the given environment and returns its standard output;
    /// a non-zero exit or the deadline fails with the script's standard error.
    /// </summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan? deadline = null)
    {
        using var process = Launch(script, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} ran past its deadline; stderr: {await error}");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"node {script} exited with {process.ExitCode}; stderr: {await error}; stdout: {await output}");
    }

    /// <summary>
    /// Starts a long-running script (a receiver) and waits for its first line on standard output, which it prints once
    /// ready (<c>{"port": N}</c>); disposing the result kills it. A script that exits or says nothing within
    /// <paramref name="deadline"/> fails with its standard error.
    /// </summary>
    public static async Task<RunningNodeClient> StartAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan? deadline = null)
    {
        var process = Launch(script, environment);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"node {script} exited before it was ready; stderr: {await error}");
            return new RunningNodeClient(process, first);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException($"node {script} was not ready in time; stderr: {await error}");
        }
    }

    private static Process Launch(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return Directory.Exists(Path.Combine(candidate, "node_modules"))
                    ? candidate
                    : throw new DirectoryNotFoundException($"{candidate}/node_modules is missing: run ./scripts/setup.sh --test-clients (./test.sh does).");
            }
        }

        throw new DirectoryNotFoundException("tests/clients not found above the test folder.");
    }
}

/// <summary>A script started by <see cref="NodeClients.StartAsync"/>, with the line it printed when ready; disposing kills it.</summary>
public sealed class RunningNodeClient(Process process, string ready) : IAsyncDisposable
{
    /// <summary>The first line the script printed.</summary>
    public string Ready { get; } = ready;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
