using System.Reflection;
using System.Runtime.InteropServices;

namespace Analytics.Storage.Embedded;

/// <summary>
/// The process-wide state of the embedded engine: the loaded <c>libchdb.so</c> and the one data folder it serves.
/// chDB keeps one engine per process, bound to one path; connections to that path may be many.
/// </summary>
internal static class ChdbEngine
{
    private static readonly Lock Gate = new();
    private static string? _libraryPath;
    private static string? _dataPath;
    private static int _openConnections;

    /// <summary>Opens a connection to the engine on <paramref name="dataPath"/>, loading the library on first use.</summary>
    public static unsafe IntPtr Connect(string libraryPath, string dataPath)
    {
        lock (Gate)
        {
            LoadLibrary(libraryPath);
            if (_openConnections > 0 && _dataPath != dataPath)
            {
                throw new InvalidOperationException(
                    $"The embedded engine is open on '{_dataPath}'; one process serves one data folder, so '{dataPath}' must wait until every connection closes.");
            }

            // TRICKY: chDB installs process-wide signal handlers by default. With them, the first .NET
            // NullReferenceException after connecting (delivered as SIGSEGV) hangs the process forever.
            ChdbNative.chdb_set_signal_handlers_enabled(0);

            // Settings given as arguments apply to this connection: times are read and written in UTC, and every query
            // runs with QuerySettings. No JIT: the engine compiles an expression the fourth time it sees it, inside the
            // query that happens to run then, which made the fourth run of a dashboard query 50-250 ms slower on two
            // cores (bench/RESULTS.md), while the compiled code gained nothing measurable on these queries.
            string[] arguments =
            [
                "clickhouse", $"--path={dataPath}", "--session_timezone=UTC",
                "--compile_expressions=0", "--compile_aggregate_expressions=0", "--compile_sort_description=0",
                $"--use_index_for_in_with_subqueries_max_values={QuerySettings.IndexedInSetMaxValues}",
            ];
            using var text = new NativeText();
            var argv = arguments.Select(a => text.Add(a + "\0").Pointer).ToArray();
            IntPtr handle;
            fixed (IntPtr* pointers = argv)
            {
                handle = ChdbNative.chdb_connect(argv.Length, pointers);
            }

            if (handle == IntPtr.Zero)
            {
                throw new ClickHouseException(0, null, $"The embedded engine could not open the data folder '{dataPath}'.");
            }

            _dataPath = dataPath;
            _openConnections++;
            return handle;
        }
    }

    public static void Close(IntPtr handle)
    {
        lock (Gate)
        {
            ChdbNative.chdb_close_conn(handle);
            _openConnections--;
        }
    }

    /// <summary>
    /// Joins every engine thread, when the library was loaded and no connection is open; after it the engine cannot be
    /// opened again in this process. Returns false when the engine could not stop (a connection is still open).
    /// </summary>
    public static bool ShutDown()
    {
        lock (Gate)
        {
            return _libraryPath is null || (_openConnections == 0 && ChdbNative.chdb_shutdown() == 0);
        }
    }

    /// <summary>The engine's version, e.g. 26.7.2.1, once the library is loaded.</summary>
    public static string Version => Marshal.PtrToStringUTF8(ChdbNative.chdb_version()) ?? "unknown";

    private static void LoadLibrary(string libraryPath)
    {
        if (_libraryPath is not null)
        {
            if (_libraryPath != libraryPath)
            {
                throw new InvalidOperationException($"libchdb is already loaded from '{_libraryPath}', not '{libraryPath}'.");
            }

            return;
        }

        var handle = NativeLibrary.Load(libraryPath);
        NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(), (name, _, _) =>
            name == ChdbNative.Library ? handle : IntPtr.Zero);
        _libraryPath = libraryPath;
    }
}
