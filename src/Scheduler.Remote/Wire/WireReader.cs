using System.Buffers.Binary;
using System.Text;

namespace Scheduler.Remote.Wire;

/// <summary>
/// Reads the primitives of a frame body. Every read checks what is left, so a short or lying body ends in a
/// <see cref="MalformedFrameException"/>, never an index error or a huge allocation.
/// </summary>
internal ref struct WireReader(ReadOnlyMemory<byte> body)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _body = body;
    private int _position;

    public readonly bool AtEnd => _position == _body.Length;

    public byte Byte()
    {
        Need(1, "a byte");
        return _body.Span[_position++];
    }

    public long Int64()
    {
        Need(8, "a 64-bit number");
        var value = BinaryPrimitives.ReadInt64BigEndian(_body.Span[_position..]);
        _position += 8;
        return value;
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = Byte();
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MalformedFrameException("a variable-length number runs past 64 bits");
    }

    public string String(string what)
    {
        var length = Length(what);
        string text;
        try
        {
            text = Strict.GetString(_body.Span.Slice(_position, length));
        }
        catch (DecoderFallbackException)
        {
            throw new MalformedFrameException($"{what} is not valid UTF-8");
        }

        _position += length;
        return text;
    }

    public ReadOnlyMemory<byte> Bytes(string what)
    {
        var length = Length(what);
        var slice = _body.Slice(_position, length);
        _position += length;
        return slice;
    }

    public readonly void End(string frame)
    {
        if (!AtEnd)
        {
            throw new MalformedFrameException($"{_body.Length - _position} unexpected bytes follow a {frame} frame");
        }
    }

    private int Length(string what)
    {
        var length = VarUInt();
        if (length > (ulong)(_body.Length - _position))
        {
            throw new MalformedFrameException($"{what} claims {length} bytes but only {_body.Length - _position} remain");
        }

        return (int)length;
    }

    private readonly void Need(int count, string what)
    {
        if (_body.Length - _position < count)
        {
            throw new MalformedFrameException($"the body ends where {what} was expected");
        }
    }
}
