namespace Analytics.Ingestion.Accepting;

/// <summary>Reads at most <c>limit</c> bytes of a stream; the read that passes it throws <see cref="BodyTooLargeException"/>.</summary>
internal sealed class LimitedBody(Stream inner, long limit, string setting, bool leaveOpen) : ReadOnlyStream
{
    private long _read;

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Counted(int read)
    {
        _read += read;
        return _read <= limit ? read : throw new BodyTooLargeException(limit, setting);
    }
}
