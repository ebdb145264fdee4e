using System.Buffers.Binary;
using System.Text;

namespace Analytics.Storage.Formats;

/// <summary>A growable byte buffer that RowBinary values are written into, little-endian.</summary>
internal sealed class ByteSink(int initialCapacity = 1 << 20)
{
    private byte[] _buffer = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteUInt128(UInt128 value) => BinaryPrimitives.WriteUInt128LittleEndian(Reserve(16), value);

    public void WriteVarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    public void WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    public void WriteFixed(string value, int width)
    {
        var target = Reserve(width);
        target.Clear();
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > width)
        {
            throw new ArgumentException($"'{value}' is longer than FixedString({width}).");
        }

        bytes.CopyTo(target);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
