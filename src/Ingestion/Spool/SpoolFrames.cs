using System.Buffers.Binary;
using System.IO.Hashing;

namespace Analytics.Ingestion.Spool;

/// <summary>
/// The on-disk frame of one entry: <c>[length: uint32][crc32: uint32][payload]</c>, little-endian. A frame whose
/// length runs past the end of the file or whose checksum fails is a torn write from a crash: it was never flushed,
/// so never acknowledged, and recovery cuts the segment there.
/// </summary>
internal static class SpoolFrames
{
    public const int HeaderSize = 8;

    /// <summary>Entries larger than this are refused; the HTTP limits keep real ones far smaller.</summary>
    public const int MaxPayload = 64 << 20;

    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>Reads the frame at the stream's position; null at a clean end or a torn frame (the position is left at its start).</summary>
    public static byte[]? TryRead(Stream stream, long limit)
    {
        var start = stream.Position;
        if (limit - start < HeaderSize)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length > MaxPayload || limit - stream.Position < length)
        {
            stream.Position = start;
            return null;
        }

        var payload = new byte[length];
        stream.ReadExactly(payload);
        if (Crc32.HashToUInt32(payload) != crc)
        {
            stream.Position = start;
            return null;
        }

        return payload;
    }
}
