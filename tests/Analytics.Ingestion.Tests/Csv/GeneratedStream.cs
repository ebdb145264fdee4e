namespace Analytics.Ingestion.Tests.Csv;

/// <summary>
/// A read-only stream of UTF-8 text made piece by piece as it is read, possibly without end; it counts what the reader
/// pulled, so a test can tell how far ahead of the records it read.
/// </summary>
internal sealed class GeneratedStream(IEnumerable<string> pieces) : Stream
{
    private readonly IEnumerator<string> source = pieces.GetEnumerator();
    private byte[] pending = [];
    private int offset;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (offset == pending.Length)
        {
            if (!source.MoveNext())
            {
                return 0;
            }

            pending = Encoding.UTF8.GetBytes(source.Current);
            offset = 0;
        }

        var n = Math.Min(buffer.Length, pending.Length - offset);
        pending.AsSpan(offset, n).CopyTo(buffer);
        offset += n;
        BytesRead += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
