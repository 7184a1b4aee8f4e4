using System.Buffers;

namespace Scheduler.Remote.Wire;

/// <summary>
/// Frames on the wire: a 4-byte big-endian length, then a body whose first byte is its <see cref="FrameKind"/>.
/// Strings are UTF-8 and byte strings are prefixed with a variable-length count; numbers of fixed width are
/// big-endian. The codec is pure: it knows nothing of sockets, which keeps it testable byte by byte.
/// </summary>
internal static class FrameCodec
{
    /// <summary>The bytes before each body.</summary>
    public const int LengthPrefix = 4;

    /// <summary>Appends <paramref name="frame"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Frame frame)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(frame);
        var size = 1 + BodySize(frame);
        var span = output.GetSpan(LengthPrefix + size);
        var writer = new WireWriter(span);
        writer.UInt32BigEndian((uint)size);
        writer.Byte((byte)frame.Kind);
        WriteBody(ref writer, frame);
        output.Advance(writer.Position);
    }

    /// <summary>Appends a user message without building a frame object first (the hot path of every send).</summary>
    public static void WriteMessage(IBufferWriter<byte> output, string recipient, string sender, string manifest, ReadOnlySpan<byte> payload)
    {
        var size = 1 + WireSize.String(recipient) + WireSize.String(sender) + WireSize.String(manifest) + WireSize.Bytes(payload.Length);
        var writer = new WireWriter(output.GetSpan(LengthPrefix + size));
        writer.UInt32BigEndian((uint)size);
        writer.Byte((byte)FrameKind.Message);
        writer.String(recipient);
        writer.String(sender);
        writer.String(manifest);
        writer.Bytes(payload);
        output.Advance(writer.Position);
    }

    /// <summary>Reads one body (without its length prefix); a body that does not decode throws <see cref="MalformedFrameException"/>.</summary>
    public static Frame Read(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new MalformedFrameException("the frame is empty");
        }

        var reader = new WireReader(body);
        var kind = (FrameKind)reader.Byte();
        Frame frame = kind switch
        {
            FrameKind.Message => new Frame.Message(reader.String("the recipient"), reader.String("the sender"), reader.String("the manifest"), reader.Bytes("the payload")),
            FrameKind.Selection => new Frame.Selection(reader.String("the anchor"), reader.String("the selection"), reader.String("the sender"), reader.String("the manifest"), reader.Bytes("the payload")),
            FrameKind.System => ReadSystem(ref reader),
            FrameKind.Ack => new Frame.Ack(reader.VarUInt()),
            FrameKind.Heartbeat => Frame.Heartbeat.Instance,
            FrameKind.HeartbeatResponse => new Frame.HeartbeatResponse(reader.Int64()),
            FrameKind.Hello => new Frame.Hello((int)reader.VarUInt(), reader.String("the sender's address"), reader.Int64(), reader.String("the wanted address"), reader.Bytes("the nonce")),
            FrameKind.Challenge => new Frame.Challenge(reader.String("the server's address"), reader.Int64(), reader.Bytes("the nonce"), reader.Bytes("the proof")),
            FrameKind.Proof => new Frame.ClientProof(reader.Bytes("the proof")),
            FrameKind.Accepted => Frame.Accepted.Instance,
            FrameKind.Rejected => new Frame.Rejected(reader.String("the reason")),
            _ => throw new MalformedFrameException($"unknown frame kind {(byte)kind}"),
        };
        reader.End(kind.ToString());
        return frame;
    }

    private static Frame.SystemEnvelope ReadSystem(ref WireReader reader)
    {
        var sequence = reader.VarUInt();
        var what = (SystemKind)reader.Byte();
        if (what is not (SystemKind.Watch or SystemKind.Unwatch or SystemKind.Terminated))
        {
            throw new MalformedFrameException($"unknown system message kind {(byte)what}");
        }

        var subject = reader.String("the subject");
        var watcher = reader.String("the watcher");
        var confirmed = reader.Byte() switch
        {
            0 => false,
            1 => true,
            var other => throw new MalformedFrameException($"existence-confirmed flag {other} is neither 0 nor 1"),
        };
        return new Frame.SystemEnvelope(sequence, what, subject, watcher, confirmed);
    }

    private static int BodySize(Frame frame) => frame switch
    {
        Frame.Message m => WireSize.String(m.Recipient) + WireSize.String(m.Sender) + WireSize.String(m.Manifest) + WireSize.Bytes(m.Payload.Length),
        Frame.Selection s => WireSize.String(s.Anchor) + WireSize.String(s.Elements) + WireSize.String(s.Sender) + WireSize.String(s.Manifest) + WireSize.Bytes(s.Payload.Length),
        Frame.SystemEnvelope s => WireSize.VarUInt(s.Sequence) + 1 + WireSize.String(s.Subject) + WireSize.String(s.Watcher) + 1,
        Frame.Ack a => WireSize.VarUInt(a.Sequence),
        Frame.Heartbeat or Frame.Accepted => 0,
        Frame.HeartbeatResponse => 8,
        Frame.Hello h => WireSize.VarUInt((ulong)h.ProtocolVersion) + WireSize.String(h.From) + 8 + WireSize.String(h.To) + WireSize.Bytes(h.Nonce.Length),
        Frame.Challenge c => WireSize.String(c.From) + 8 + WireSize.Bytes(c.Nonce.Length) + WireSize.Bytes(c.Proof.Length),
        Frame.ClientProof p => WireSize.Bytes(p.Proof.Length),
        Frame.Rejected r => WireSize.String(r.Reason),
        _ => throw new ArgumentException($"No encoding for {frame.GetType().Name}.", nameof(frame)),
    };

    private static void WriteBody(ref WireWriter writer, Frame frame)
    {
        switch (frame)
        {
            case Frame.Message m:
                writer.String(m.Recipient);
                writer.String(m.Sender);
                writer.String(m.Manifest);
                writer.Bytes(m.Payload.Span);
                break;
            case Frame.Selection s:
                writer.String(s.Anchor);
                writer.String(s.Elements);
                writer.String(s.Sender);
                writer.String(s.Manifest);
                writer.Bytes(s.Payload.Span);
                break;
            case Frame.SystemEnvelope s:
                writer.VarUInt(s.Sequence);
                writer.Byte((byte)s.What);
                writer.String(s.Subject);
                writer.String(s.Watcher);
                writer.Byte(s.ExistenceConfirmed ? (byte)1 : (byte)0);
                break;
            case Frame.Ack a:
                writer.VarUInt(a.Sequence);
                break;
            case Frame.HeartbeatResponse r:
                writer.Int64(r.Uid);
                break;
            case Frame.Hello h:
                writer.VarUInt((ulong)h.ProtocolVersion);
                writer.String(h.From);
                writer.Int64(h.FromUid);
                writer.String(h.To);
                writer.Bytes(h.Nonce.Span);
                break;
            case Frame.Challenge c:
                writer.String(c.From);
                writer.Int64(c.FromUid);
                writer.Bytes(c.Nonce.Span);
                writer.Bytes(c.Proof.Span);
                break;
            case Frame.ClientProof p:
                writer.Bytes(p.Proof.Span);
                break;
            case Frame.Rejected r:
                writer.String(r.Reason);
                break;
        }
    }
}
