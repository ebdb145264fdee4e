using System.Diagnostics;

namespace Analytics.Testing;

/// <summary>
/// Data folders for server processes, made quickly: once per test process a server is started on an empty folder and
/// stopped, and every new folder is a copy of that one (its engine's files; not its spool, which a server makes itself).
/// </summary>
/// <remarks>
/// Why: a server's first start on an empty folder replays every migration, about 1.5 s of CPU of the 5 s a start costs,
/// and the suite starts about a hundred servers. The engine's links inside its folder are relative, so a copy is a
/// folder of its own. Tests of a first start itself use <see cref="HostSettings.NewEmptyDataFolder"/>.
/// </remarks>
internal static class DataFolderTemplate
{
    // Made on first use by a server process; blocking (on the thread pool, away from the test framework's
    // synchronisation context) keeps every caller's NewDataFolder() a plain call.
    private static readonly Lazy<string> Template = new(
        () => Task.Run(async () =>
        {
            var folder = HostSettings.NewEmptyDataFolder();
            await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
            await server.StopCleanlyAsync();
            return folder;
        }).GetAwaiter().GetResult(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the template to <paramref name="folder"/>, made here.</summary>
    public static void CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        // One cp -a: it keeps the engine's relative links as links. The spool is left out (a stopped server's is empty).
        var copy = new ProcessStartInfo("cp") { RedirectStandardError = true, UseShellExecute = false };
        copy.ArgumentList.Add("-a");
        foreach (var entry in Directory.EnumerateFileSystemEntries(Template.Value).Where(e => Path.GetFileName(e) != "spool"))
        {
            copy.ArgumentList.Add(entry);
        }

        copy.ArgumentList.Add(folder);
        using var process = Process.Start(copy) ?? throw new InvalidOperationException("cp did not start.");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Copying the data folder template to {folder} failed ({process.ExitCode}): {errors}");
        }
    }
}
