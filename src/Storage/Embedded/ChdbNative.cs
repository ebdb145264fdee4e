using System.Runtime.InteropServices;

namespace Analytics.Storage.Embedded;

/// <summary>
/// The C API of chDB (<c>programs/local/chdb.h</c> in chdb-io/chdb), the ClickHouse engine as a shared library.
/// Every <c>chdb_result*</c> returned must be passed to <see cref="chdb_destroy_query_result"/>.
/// </summary>
internal static unsafe partial class ChdbNative
{
    public const string Library = "chdb";

    [LibraryImport(Library)]
    public static partial void chdb_set_signal_handlers_enabled(int enabled);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_connect(int argc, IntPtr* argv);

    [LibraryImport(Library)]
    public static partial void chdb_close_conn(IntPtr connection);

    [LibraryImport(Library)]
    public static partial int chdb_shutdown();

    [LibraryImport(Library)]
    public static partial IntPtr chdb_query_with_params_n(
        IntPtr connection, byte* query, nuint queryLength, byte* format, nuint formatLength,
        IntPtr* names, nuint* nameLengths, IntPtr* values, nuint* valueLengths, nuint count);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_query_with_params_n(
        IntPtr connection, byte* query, nuint queryLength, byte* format, nuint formatLength,
        IntPtr* names, nuint* nameLengths, IntPtr* values, nuint* valueLengths, nuint count);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_fetch_result(IntPtr connection, IntPtr result);

    [LibraryImport(Library)]
    public static partial void chdb_stream_cancel_query(IntPtr connection, IntPtr result);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_insert_n(IntPtr connection, byte* query, nuint queryLength, byte* format, nuint formatLength);

    [LibraryImport(Library)]
    public static partial int chdb_stream_append(IntPtr stream, byte* data, nuint length);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_done(IntPtr stream);

    [LibraryImport(Library)]
    public static partial void chdb_stream_cancel_insert(IntPtr stream);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_stream_insert_error(IntPtr stream);

    [LibraryImport(Library)]
    public static partial void chdb_destroy_insert_stream(IntPtr stream);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_result_buffer(IntPtr result);

    [LibraryImport(Library)]
    public static partial nuint chdb_result_length(IntPtr result);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_result_error(IntPtr result);

    [LibraryImport(Library)]
    public static partial void chdb_destroy_query_result(IntPtr result);

    [LibraryImport(Library)]
    public static partial IntPtr chdb_version();
}
