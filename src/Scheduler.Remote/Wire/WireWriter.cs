using System.Buffers.Binary;
using System.Text;

namespace Scheduler.Remote.Wire;

/// <summary>Writes the primitives of a frame body into a span sized beforehand with <see cref="WireSize"/>.</summary>
internal ref struct WireWriter(Span<byte> target)
{
    private readonly Span<byte> _target = target;
    private int _position;

    public readonly int Position => _position;

    public void Byte(byte value) => _target[_position++] = value;

    public void UInt32BigEndian(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_target[_position..], value);
        _position += 4;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_target[_position..], value);
        _position += 8;
    }

    public void VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            _target[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _target[_position++] = (byte)value;
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)length);
        _position += Encoding.UTF8.GetBytes(value, _target[_position..]);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        VarUInt((ulong)value.Length);
        value.CopyTo(_target[_position..]);
        _position += value.Length;
    }
}
