using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// A gzip-compressed body, decompressed, that fails loudly when it is damaged or cut short. GZipStream throws on data
/// that is not gzip and on a wrong checksum, but a body cut short simply ends its output early, which would import half
/// a file as if it were whole; so at the end the output's CRC-32 and length are checked against the gzip trailer the
/// body must end with. A body of several concatenated gzip members (rare over HTTP) fails that check and is refused.
/// </summary>
internal sealed class GzipBody : ReadOnlyStream
{
    private const int TrailerBytes = 8;
    private const int SmallestMember = 18; // a 10-byte header and the trailer, at the least

    private readonly Tail _compressed;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _ended;

    public GzipBody(Stream compressed)
    {
        _compressed = new Tail(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw NotGzip(e);
        }

        if (read == 0 && !_ended)
        {
            _ended = true;
            var rest = new byte[4096];
            while (_compressed.Read(rest) > 0)
            {
            }

            CheckTrailer();
        }

        return Counted(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _gzip.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw NotGzip(e);
        }

        if (read == 0 && !_ended)
        {
            _ended = true;
            // Bytes after the member (which GZipStream may leave unread) are no gzip either: read them into the tail.
            var rest = new byte[4096];
            while (await _compressed.ReadAsync(rest, cancellationToken) > 0)
            {
            }

            CheckTrailer();
        }

        return Counted(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Counted(ReadOnlySpan<byte> output)
    {
        _crc.Append(output);
        _length += output.Length;
        return output.Length;
    }

    private void CheckTrailer()
    {
        var trailer = _compressed.Last;
        if (_compressed.Total < SmallestMember
            || BinaryPrimitives.ReadUInt32LittleEndian(trailer) != _crc.GetCurrentHashAsUInt32()
            || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)_length)
        {
            throw new MalformedRequestException(
                "the gzip body is cut short or damaged: it does not end with the checksum of what it holds "
                + "(a body of several concatenated gzip members is not supported either)");
        }
    }

    private static MalformedRequestException NotGzip(InvalidDataException e) =>
        new($"the body is marked Content-Encoding: gzip but is not valid gzip data ({e.Message})");

    /// <summary>The compressed stream, remembering its last <see cref="TrailerBytes"/> bytes read.</summary>
    private sealed class Tail(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _last = new byte[TrailerBytes];

        public long Total { get; private set; }

        /// <summary>The last bytes read, oldest first (zeros while fewer were read).</summary>
        public ReadOnlySpan<byte> Last => _last;

        public override int Read(Span<byte> buffer) => Remember(buffer[..inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Remember(buffer.Span[..read]);
        }

        private int Remember(ReadOnlySpan<byte> read)
        {
            if (read.Length >= TrailerBytes)
            {
                read[^TrailerBytes..].CopyTo(_last);
            }
            else if (read.Length > 0)
            {
                _last.AsSpan(read.Length).CopyTo(_last);
                read.CopyTo(_last.AsSpan(TrailerBytes - read.Length));
            }

            Total += read.Length;
            return read.Length;
        }
    }
}
