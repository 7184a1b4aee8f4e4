using System.Buffers;
using System.Buffers.Binary;

namespace Scheduler.Remote.Wire;

/// <summary>
/// Cuts a byte stream into frame bodies by their length prefix. A frame over the size limit is skipped as its
/// bytes arrive, so a peer cannot make this side buffer more than one limit's worth, and the stream stays in step.
/// </summary>
internal sealed class FrameSplitter(int maximumFrameSize)
{
    private long _skipping;

    /// <summary>The announced length of the last oversize frame.</summary>
    public long OversizeLength { get; private set; }

    /// <summary>
    /// Takes the next frame body off the front of <paramref name="buffer"/>. On <see cref="SplitResult.Frame"/>
    /// <paramref name="body"/> is a slice of the original buffer, valid until the reader advances past it.
    /// </summary>
    public SplitResult TryNext(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (_skipping > 0)
        {
            var skip = Math.Min(_skipping, buffer.Length);
            buffer = buffer.Slice(skip);
            _skipping -= skip;
            if (_skipping > 0)
            {
                return SplitResult.NeedMore;
            }
        }

        if (buffer.Length < FrameCodec.LengthPrefix)
        {
            return SplitResult.NeedMore;
        }

        Span<byte> prefix = stackalloc byte[FrameCodec.LengthPrefix];
        buffer.Slice(0, FrameCodec.LengthPrefix).CopyTo(prefix);
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length > (uint)maximumFrameSize)
        {
            buffer = buffer.Slice(FrameCodec.LengthPrefix);
            _skipping = length;
            OversizeLength = length;
            var skip = Math.Min(_skipping, buffer.Length);
            buffer = buffer.Slice(skip);
            _skipping -= skip;
            return SplitResult.Oversize;
        }

        if (buffer.Length < FrameCodec.LengthPrefix + length)
        {
            return SplitResult.NeedMore;
        }

        body = buffer.Slice(FrameCodec.LengthPrefix, length);
        buffer = buffer.Slice(FrameCodec.LengthPrefix + length);
        return SplitResult.Frame;
    }
}
