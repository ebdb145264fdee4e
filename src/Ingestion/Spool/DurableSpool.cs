using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingestion.Spool;

/// <summary>
/// An append-only log of accepted entries on local disk, in numbered segment files, with a checkpoint that says how far
/// the writer has stored them in ClickHouse. <see cref="AppendAsync"/> returns only once the entries are flushed to disk
/// (fsync); concurrent appends share one flush (group commit). On open, a torn tail left by a crash is cut off: it was
/// never flushed, so never acknowledged. Before the writer stores a batch it marks the batch's end durably
/// (<see cref="BeginBatch"/>), so that after a crash only that batch, which may be half stored, needs replaying with care.
/// </summary>
public sealed partial class DurableSpool : IAsyncDisposable
{
    private const string SegmentExtension = ".spool";
    private const string CheckpointFile = "checkpoint";
    private const string BatchFile = "batch";

    private readonly string _folder;
    private readonly SpoolOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _flusher;
    private readonly Lock _stateGate = new();
    private FileStream _active;
    private SpoolPosition _durableEnd;
    private SpoolPosition _checkpoint;
    private long _queuedBytes;
    private TaskCompletionSource _dataArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DurableSpool(string folder, SpoolOptions options, ILogger logger, SpoolPosition checkpoint, SpoolPosition end, SpoolPosition replayEnd)
    {
        _folder = folder;
        _options = options;
        _logger = logger;
        _checkpoint = checkpoint;
        _durableEnd = end;
        OpenedEnd = end;
        ReplayEnd = replayEnd;
        OpenedBacklog = CountEntries(checkpoint, end);
        _active = OpenSegment(end.Segment, end.Offset);
        _flusher = Task.Run(FlushLoopAsync);
    }

    /// <summary>Where the flushed entries ended when the spool was opened: the backlog a restart found runs to here.</summary>
    public SpoolPosition OpenedEnd { get; }

    /// <summary>Entries between the checkpoint and <see cref="OpenedEnd"/> when the spool was opened.</summary>
    public long OpenedBacklog { get; }

    /// <summary>
    /// The end of the entries a crash may have left half stored (the batch being stored, marked by
    /// <see cref="BeginBatch"/>), at or before the checkpoint when there are none. A spool of a version without the
    /// mark replays everything not committed.
    /// </summary>
    public SpoolPosition ReplayEnd { get; }

    /// <summary>Where the entries flushed to disk end.</summary>
    public SpoolPosition DurableEnd
    {
        get
        {
            lock (_stateGate)
            {
                return _durableEnd;
            }
        }
    }

    /// <summary>How far entries are stored in ClickHouse.</summary>
    public SpoolPosition Checkpoint
    {
        get
        {
            lock (_stateGate)
            {
                return _checkpoint;
            }
        }
    }

    /// <summary>Bytes on disk or queued that are not yet stored in ClickHouse: what the quota limits.</summary>
    public long PendingBytes
    {
        get
        {
            lock (_stateGate)
            {
                return BytesBetween(_checkpoint, _durableEnd) + Interlocked.Read(ref _queuedBytes);
            }
        }
    }

    /// <summary>Opens (or creates) the spool in <paramref name="folder"/>, recovering from a crash if there was one.</summary>
    public static DurableSpool Open(string folder, SpoolOptions options, ILogger logger)
    {
        Directory.CreateDirectory(folder);
        var checkpointPath = Path.Combine(folder, CheckpointFile);
        var checkpoint = File.Exists(checkpointPath) ? SpoolPosition.Parse(File.ReadAllText(checkpointPath)) : new SpoolPosition(1, 0);
        var segments = ListSegments(folder);
        var last = segments.Count == 0 ? checkpoint.Segment : Math.Max(segments[^1], checkpoint.Segment);
        var end = RecoverEnd(folder, last, logger);
        var batchPath = Path.Combine(folder, BatchFile);
        var replayEnd = File.Exists(batchPath) ? SpoolPosition.Parse(File.ReadAllText(batchPath)) : end;
        return new DurableSpool(folder, options, logger, checkpoint, end, replayEnd);
    }

    /// <summary>
    /// Appends entries and returns once they are on disk. Throws <see cref="SpoolFullException"/> when the spool is at
    /// its quota; then nothing is appended.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<SpoolEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var payloads = entries.Select(SpoolSerializer.Serialize).ToArray();
        var size = payloads.Sum(p => (long)p.Length + SpoolFrames.HeaderSize);
        var pending = PendingBytes;
        if (pending + size > _options.QuotaBytes)
        {
            throw new SpoolFullException(pending, _options.QuotaBytes);
        }

        Interlocked.Add(ref _queuedBytes, size);
        var append = new PendingAppend(payloads, size);
        await _pending.Writer.WriteAsync(append, cancellationToken);

        // TRICKY: not cancellable past this point: the entries may be on disk already, and the caller must not be told otherwise.
        await append.Done.Task;
    }

    /// <summary>
    /// Reads up to <paramref name="maxEntries"/> flushed entries from <paramref name="from"/>, each with the position
    /// just after it (what to commit once it is stored).
    /// </summary>
    public List<(SpoolEntry Entry, SpoolPosition Next)> Read(SpoolPosition from, int maxEntries)
    {
        var entries = new List<(SpoolEntry, SpoolPosition)>();
        var position = from;
        var end = DurableEnd;
        while (entries.Count < maxEntries && position < end)
        {
            var path = SegmentPath(position.Segment);
            var limit = position.Segment == end.Segment ? end.Offset : new FileInfo(path).Length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16))
            {
                stream.Position = position.Offset;
                while (entries.Count < maxEntries && SpoolFrames.TryRead(stream, limit) is { } payload)
                {
                    position = position with { Offset = stream.Position };
                    entries.Add((SpoolSerializer.Deserialize(payload), position));
                }
            }

            if (entries.Count < maxEntries && position.Segment < end.Segment)
            {
                position = new SpoolPosition(position.Segment + 1, 0);
            }
            else if (entries.Count < maxEntries && position.Offset < limit)
            {
                throw new InvalidDataException($"Spool segment {path} is damaged at offset {position.Offset}.");
            }
        }

        return entries;
    }

    /// <summary>Waits until entries past <paramref name="position"/> are flushed, or the token fires.</summary>
    public async Task WaitForDataAsync(SpoolPosition position, CancellationToken cancellationToken)
    {
        Task arrived;
        lock (_stateGate)
        {
            if (_durableEnd > position)
            {
                return;
            }

            arrived = _dataArrived.Task;
        }

        await arrived.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Records, durably, that the entries up to <paramref name="end"/> are about to be stored: if the process dies before
    /// <see cref="Commit"/>, they are the ones the next start replays with care (<see cref="ReplayEnd"/>). Once the
    /// checkpoint passes it, the mark is spent.
    /// </summary>
    public void BeginBatch(SpoolPosition end) => WriteDurably(BatchFile, end);

    /// <summary>Records that everything before <paramref name="position"/> is stored, durably, and drops finished segments.</summary>
    public void Commit(SpoolPosition position)
    {
        WriteDurably(CheckpointFile, position);
        lock (_stateGate)
        {
            _checkpoint = position;
        }

        foreach (var segment in ListSegments(_folder).Where(s => s < position.Segment))
        {
            File.Delete(SegmentPath(segment));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _flusher;
        await _active.DisposeAsync();
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (_pending.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            try
            {
                WriteAndFlush(batch);
                foreach (var append in batch)
                {
                    append.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                LogFlushFailed(_logger, e);
                DropUnflushed();
                foreach (var append in batch)
                {
                    append.Done.TrySetException(e);
                }
            }
            finally
            {
                Interlocked.Add(ref _queuedBytes, -batch.Sum(a => a.Size));
                batch.Clear();
            }
        }
    }

    private void WriteAndFlush(List<PendingAppend> batch)
    {
        var rolled = false;
        foreach (var payload in batch.SelectMany(a => a.Payloads))
        {
            if (_active.Length >= _options.SegmentBytes)
            {
                _active.Flush(flushToDisk: true);
                var next = SegmentNumber(_active.Name) + 1;
                _active.Dispose();
                _active = OpenSegment(next, 0);
                rolled = true;
            }

            SpoolFrames.Write(_active, payload);
        }

        _active.Flush(flushToDisk: true);
        TaskCompletionSource arrived;
        lock (_stateGate)
        {
            _durableEnd = new SpoolPosition(SegmentNumber(_active.Name), _active.Length);
            arrived = _dataArrived;
            _dataArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        if (rolled)
        {
            LogSegmentRolled(_logger, _active.Name);
        }
    }

    /// <summary>After a failed flush, cuts what was written of it, so entries reported as failed are never stored later.</summary>
    private void DropUnflushed()
    {
        try
        {
            var end = DurableEnd;
            if (SegmentNumber(_active.Name) == end.Segment)
            {
                _active.SetLength(end.Offset);
                _active.Position = end.Offset;
            }
        }
        catch (IOException e)
        {
            LogFlushFailed(_logger, e);
        }
    }

    /// <summary>Writes a position to a file so that a crash leaves either the old content or the new.</summary>
    private void WriteDurably(string name, SpoolPosition position)
    {
        var temporary = Path.Combine(_folder, name + ".tmp");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(position.ToString()));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(_folder, name), overwrite: true);
    }

    /// <summary>The entries between two positions, counted from their frame headers (the payloads are skipped).</summary>
    private long CountEntries(SpoolPosition from, SpoolPosition to)
    {
        long count = 0;
        Span<byte> header = stackalloc byte[SpoolFrames.HeaderSize];
        for (var segment = from.Segment; segment <= to.Segment; segment++)
        {
            var path = SegmentPath(segment);
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            var limit = segment == to.Segment ? to.Offset : stream.Length;
            stream.Position = segment == from.Segment ? from.Offset : 0;
            while (limit - stream.Position >= SpoolFrames.HeaderSize)
            {
                stream.ReadExactly(header);
                stream.Seek(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header), SeekOrigin.Current);
                count++;
            }
        }

        return count;
    }

    private long BytesBetween(SpoolPosition from, SpoolPosition to)
    {
        if (from.Segment == to.Segment)
        {
            return Math.Max(0, to.Offset - from.Offset);
        }

        long total = to.Offset - from.Offset;
        for (var segment = from.Segment; segment < to.Segment; segment++)
        {
            var path = SegmentPath(segment);
            total += File.Exists(path) ? new FileInfo(path).Length : 0;
        }

        return total;
    }

    private FileStream OpenSegment(long segment, long length)
    {
        var stream = new FileStream(SegmentPath(segment), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete, 1 << 20);
        stream.SetLength(length);
        stream.Position = length;
        return stream;
    }

    private string SegmentPath(long segment) => SegmentPathIn(_folder, segment);

    private static string SegmentPathIn(string folder, long segment) =>
        Path.Combine(folder, segment.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension);

    private static long SegmentNumber(string path) => long.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture);

    private static List<long> ListSegments(string folder) =>
        Directory.EnumerateFiles(folder, "*" + SegmentExtension).Select(SegmentNumber).Order().ToList();

    /// <summary>The end of the last whole frame of the last segment; anything after it is a torn write.</summary>
    private static SpoolPosition RecoverEnd(string folder, long segment, ILogger logger)
    {
        var path = SegmentPathIn(folder, segment);
        if (!File.Exists(path))
        {
            return new SpoolPosition(segment, 0);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        while (SpoolFrames.TryRead(stream, length) is not null)
        {
        }

        if (stream.Position < length)
        {
            LogTornTail(logger, path, length - stream.Position);
        }

        return new SpoolPosition(segment, stream.Position);
    }

    private sealed record PendingAppend(byte[][] Payloads, long Size)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The spool could not flush to disk; the appends waiting on it fail")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spool segment {Segment} begun")]
    private static partial void LogSegmentRolled(ILogger logger, string segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool segment {Segment} ended in {Bytes} bytes of a write cut short by a crash; they were never acknowledged and are dropped")]
    private static partial void LogTornTail(ILogger logger, string segment, long bytes);
}
