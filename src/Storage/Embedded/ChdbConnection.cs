using System.Buffers;
using System.Runtime.InteropServices;
using Analytics.Storage.Formats;

namespace Analytics.Storage.Embedded;

/// <summary>
/// One native chDB connection. It runs one statement at a time: the caller (the gateway's pool) makes sure
/// only one thread uses it, and a streaming query keeps it until the stream is done.
/// </summary>
internal sealed unsafe class ChdbConnection : IDisposable
{
    private const string ResultFormat = "RowBinaryWithNamesAndTypes";
    private IntPtr _handle;

    public ChdbConnection(string libraryPath, string dataPath)
    {
        _handle = ChdbEngine.Connect(libraryPath, dataPath);
    }

    private IntPtr Native => Marshal.ReadIntPtr(_handle);

    /// <summary>Runs a statement and discards any output.</summary>
    public void Execute(string sql, QueryParameters? parameters)
    {
        var result = Call(sql, AsText(parameters), "Null", streaming: false);
        ChdbNative.chdb_destroy_query_result(result);
    }

    /// <summary>
    /// Runs a statement and returns its output in <paramref name="format"/> as bytes. Parameters are already in
    /// ClickHouse's text form, as the HTTP interface receives them (<c>param_name=value</c>).
    /// </summary>
    public byte[] QueryRaw(string sql, IReadOnlyList<KeyValuePair<string, string>> textParameters, string format)
    {
        var result = Call(sql, textParameters, format, streaming: false);
        try
        {
            var length = checked((int)ChdbNative.chdb_result_length(result));
            return length == 0 ? [] : new ReadOnlySpan<byte>((void*)ChdbNative.chdb_result_buffer(result), length).ToArray();
        }
        finally
        {
            ChdbNative.chdb_destroy_query_result(result);
        }
    }

    /// <summary>Streams already-encoded rows in <paramref name="format"/> into the table named by <paramref name="insertStatement"/>.</summary>
    public void InsertRaw(string insertStatement, string format, ReadOnlySpan<byte> data)
    {
        var stream = BeginInsert(insertStatement, format);
        var committed = false;
        try
        {
            fixed (byte* pointer = data)
            {
                if (data.Length > 0 && ChdbNative.chdb_stream_append(stream, pointer, (nuint)data.Length) != 0)
                {
                    ThrowIfInsertFailed(stream);
                }
            }

            Finish(stream);
            committed = true;
        }
        finally
        {
            EndInsert(stream, committed);
        }
    }

    /// <summary>Streams the rows of a query, block by block, while the caller iterates.</summary>
    public IEnumerable<ClickHouseRow> Query(string sql, QueryParameters? parameters, CancellationToken cancellationToken)
    {
        var stream = Call(sql, AsText(parameters), ResultFormat, streaming: true);
        var finished = false;
        var headers = new RowBinaryDecoder.BlockHeaderCache();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (buffer, length) = FetchBlock(stream);
                if (length == 0)
                {
                    finished = true;
                    yield break;
                }

                try
                {
                    foreach (var row in RowBinaryDecoder.DecodeBlock(buffer, length, headers))
                    {
                        yield return row;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        finally
        {
            if (!finished)
            {
                ChdbNative.chdb_stream_cancel_query(Native, stream);
            }

            ChdbNative.chdb_destroy_query_result(stream);
        }
    }

    /// <summary>Streams RowBinaryWithDefaults rows into a table. Returns the number of rows written.</summary>
    public long Insert(string insertStatement, RowBinaryEncoder encoder, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        const int ChunkBytes = 1 << 20;
        var stream = BeginInsert(insertStatement, "RowBinaryWithDefaults");
        var committed = false;
        try
        {
            var sink = new ByteSink(ChunkBytes + (ChunkBytes / 4));
            long count = 0;
            foreach (var row in rows)
            {
                try
                {
                    encoder.WriteRow(sink, row);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Row {count}: {e.Message}", e);
                }

                count++;
                if (sink.Length >= ChunkBytes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Append(stream, sink);
                }
            }

            Append(stream, sink);
            Finish(stream);
            committed = true;
            return count;
        }
        finally
        {
            EndInsert(stream, committed);
        }
    }

    private IntPtr BeginInsert(string insertStatement, string inputFormat)
    {
        using var text = new NativeText();
        var (query, queryLength) = text.Add(insertStatement);
        var (format, formatLength) = text.Add(inputFormat);
        var stream = ChdbNative.chdb_stream_insert_n(Native, (byte*)query, queryLength, (byte*)format, formatLength);
        try
        {
            ThrowIfInsertFailed(stream);
        }
        catch
        {
            ChdbNative.chdb_destroy_insert_stream(stream);
            throw;
        }

        return stream;
    }

    private static void Finish(IntPtr stream)
    {
        var done = ChdbNative.chdb_stream_done(stream);
        try
        {
            ThrowIfError(done);
        }
        finally
        {
            ChdbNative.chdb_destroy_query_result(done);
        }
    }

    /// <summary>An insert that did not finish is cancelled, so a block cut short by an error is not committed.</summary>
    private static void EndInsert(IntPtr stream, bool committed)
    {
        if (!committed)
        {
            ChdbNative.chdb_stream_cancel_insert(stream);
        }

        ChdbNative.chdb_destroy_insert_stream(stream);
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            ChdbEngine.Close(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private void Append(IntPtr stream, ByteSink sink)
    {
        if (sink.Length == 0)
        {
            return;
        }

        fixed (byte* data = sink.Written)
        {
            if (ChdbNative.chdb_stream_append(stream, data, (nuint)sink.Length) != 0)
            {
                ThrowIfInsertFailed(stream);
                throw new ClickHouseException(0, null, "The embedded engine refused a block of the insert.");
            }
        }

        sink.Clear();
    }

    private static void ThrowIfInsertFailed(IntPtr stream)
    {
        var error = ChdbNative.chdb_stream_insert_error(stream);
        if (error != IntPtr.Zero)
        {
            throw ClickHouseException.FromMessage(Marshal.PtrToStringUTF8(error) ?? "unknown error");
        }
    }

    private (byte[] Buffer, int Length) FetchBlock(IntPtr stream)
    {
        var block = ChdbNative.chdb_stream_fetch_result(Native, stream);
        try
        {
            ThrowIfError(block);
            var length = checked((int)ChdbNative.chdb_result_length(block));
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            if (length > 0)
            {
                new ReadOnlySpan<byte>((void*)ChdbNative.chdb_result_buffer(block), length).CopyTo(buffer);
            }

            return (buffer, length);
        }
        finally
        {
            ChdbNative.chdb_destroy_query_result(block);
        }
    }

    private static List<KeyValuePair<string, string>> AsText(QueryParameters? parameters) =>
        parameters?.Select(p => KeyValuePair.Create(p.Key, ParameterText.Format(p.Value))).ToList() ?? [];

    private IntPtr Call(string sql, IReadOnlyList<KeyValuePair<string, string>> values, string outputFormat, bool streaming)
    {
        using var text = new NativeText();
        var (query, queryLength) = text.Add(sql);
        var (format, formatLength) = text.Add(outputFormat);
        var names = new IntPtr[values.Count];
        var nameLengths = new nuint[values.Count];
        var texts = new IntPtr[values.Count];
        var textLengths = new nuint[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            (names[i], nameLengths[i]) = text.Add(values[i].Key);
            (texts[i], textLengths[i]) = text.Add(values[i].Value);
        }

        IntPtr result;
        fixed (IntPtr* n = names, v = texts)
        fixed (nuint* nl = nameLengths, vl = textLengths)
        {
            result = streaming
                ? ChdbNative.chdb_stream_query_with_params_n(Native, (byte*)query, queryLength, (byte*)format, formatLength, n, nl, v, vl, (nuint)values.Count)
                : ChdbNative.chdb_query_with_params_n(Native, (byte*)query, queryLength, (byte*)format, formatLength, n, nl, v, vl, (nuint)values.Count);
        }

        try
        {
            ThrowIfError(result);
        }
        catch
        {
            ChdbNative.chdb_destroy_query_result(result);
            throw;
        }

        return result;
    }

    private static void ThrowIfError(IntPtr result)
    {
        if (result == IntPtr.Zero)
        {
            throw new ClickHouseException(0, null, "The embedded engine returned no result (is the connection closed?).");
        }

        var error = ChdbNative.chdb_result_error(result);
        if (error != IntPtr.Zero)
        {
            throw ClickHouseException.FromMessage(Marshal.PtrToStringUTF8(error) ?? "unknown error");
        }
    }
}
