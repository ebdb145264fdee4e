using System.Diagnostics;

namespace Analytics.Testing;

/// <summary>
/// Where a test process writes (its engine's folder, servers' data folders, spools, outboxes, mail): one folder of its
/// own, <c>analytics-tests/run-{process id}</c> in the temp folder, deleted as the process exits. The test runner gives
/// a process little time to exit (it kills it after about 100 ms), so a big folder may be left half deleted: the next
/// test process to start deletes the folders of processes no longer running. Running ones are never touched, so test
/// processes may run side by side.
/// </summary>
public static class TestFolders
{
    private static readonly Lazy<string> LazyRoot = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Parent => Path.Combine(Path.GetTempPath(), "analytics-tests");

    /// <summary>This process's folder, made on first use.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// A new path in <see cref="Root"/>, <c>{prefix}-{random}</c>, not made: a server makes its spool and outbox itself
    /// (and a test may check that it made none).
    /// </summary>
    public static string NewPath(string prefix) => Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");

    private static string CreateRoot()
    {
        DeleteLeftovers();
        var root = Directory.CreateDirectory(Path.Combine(Parent, $"run-{Environment.ProcessId}")).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    }

    // Folders that processes which have ended could not delete (cut short, killed), and one left with this process's id
    // by an earlier process that had it.
    private static void DeleteLeftovers()
    {
        if (!Directory.Exists(Parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Parent, "run-*"))
        {
            if (int.TryParse(Path.GetFileName(folder)["run-".Length..], out var processId) && (processId == Environment.ProcessId || !IsRunning(processId)))
            {
                Delete(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no process has that id
        }
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // TRICKY: cleaning up must not fail a test run: another test process may be deleting the same leftover, or
            // the engine may still write in the folder as the process exits. What is left, the next test process deletes.
            Console.Error.WriteLine($"Could not delete the test folder {folder}: {e.Message}");
        }
    }
}
