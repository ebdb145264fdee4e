using System.Buffers.Binary;
using System.Text;

namespace Analytics.Storage.Formats;

/// <summary>Reads little-endian values from a byte buffer, as RowBinary lays them out.</summary>
internal sealed class ByteCursor(byte[] buffer, int length)
{
    private int _position;

    public bool AtEnd => _position >= length;

    public byte ReadByte() => buffer[Take(1)];

    public ReadOnlySpan<byte> ReadBytes(int count) => buffer.AsSpan(Take(count), count);

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public UInt128 ReadUInt128() => BinaryPrimitives.ReadUInt128LittleEndian(ReadBytes(16));

    /// <summary>An unsigned LEB128 integer: RowBinary's length prefix for strings, arrays and maps.</summary>
    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A variable-length integer in the result is longer than 64 bits.");
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes(checked((int)ReadVarUInt())));

    private int Take(int count)
    {
        var start = _position;
        if (start + count > length)
        {
            throw new FormatException($"The result ended inside a value (needed {count} bytes at offset {start} of {length}).");
        }

        _position += count;
        return start;
    }
}
