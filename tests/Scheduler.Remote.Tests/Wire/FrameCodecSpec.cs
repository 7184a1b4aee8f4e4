using System.Buffers;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Tests.Wire;

public sealed class FrameCodecSpec
{
    /// <summary>One frame of every kind, with awkward content where there is content.</summary>
    private static readonly Dictionary<string, Frame> Samples = new(StringComparer.Ordinal)
    {
        { "message", new Frame.Message("sched.tcp://a@127.0.0.1:1/user/ü#5", "sched.tcp://b@127.0.0.1:2/temp/$a#9", "spec.ping", new byte[] { 1, 2, 3 }) },
        { "message without sender", new Frame.Message("sched.tcp://a@h:1/user/x", string.Empty, "m", ReadOnlyMemory<byte>.Empty) },
        { "selection", new Frame.Selection("sched.tcp://a@h:1", "user/worker-*", string.Empty, "m", new byte[] { 0 }) },
        { "system", new Frame.SystemEnvelope(ulong.MaxValue, SystemKind.Terminated, "s", "w", ExistenceConfirmed: true) },
        { "ack", new Frame.Ack(300) },
        { "heartbeat", Frame.Heartbeat.Instance },
        { "heartbeat response", new Frame.HeartbeatResponse(-42) },
        { "hello", new Frame.Hello(1, "sched.tcp://a@h:1", long.MinValue, "sched.tcp://b@h:2", new byte[32]) },
        { "challenge", new Frame.Challenge("sched.tcp://b@h:2", 7, new byte[32], new byte[32]) },
        { "proof", new Frame.ClientProof(new byte[32]) },
        { "accepted", Frame.Accepted.Instance },
        { "rejected", new Frame.Rejected("you are not welcome") },
    };

    public static TheoryData<string> EveryKind() => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_frame_kind_round_trips(string kind)
    {
        var frame = Samples[kind];
        var bytes = Encode(frame);

        var read = FrameCodec.Read(bytes.AsMemory(FrameCodec.LengthPrefix));

        read.Kind.Should().Be(frame.Kind, kind);
        Normalize(read).Should().Be(Normalize(frame));
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_truncation_of_every_frame_is_reported_as_malformed_and_nothing_else(string kind)
    {
        var frame = Samples[kind];
        var body = Encode(frame).AsMemory(FrameCodec.LengthPrefix);

        for (var length = 0; length < body.Length; length++)
        {
            var truncated = body[..length];
            var read = () => FrameCodec.Read(truncated);
            if (length == 1 && body.Length == 1)
            {
                continue;
            }

            read.Should().Throw<MalformedFrameException>($"{kind} cut to {length} of {body.Length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Trailing_bytes_after_a_frame_are_malformed(string kind)
    {
        var frame = Samples[kind];
        var body = Encode(frame)[FrameCodec.LengthPrefix..].Append((byte)0).ToArray();

        var read = () => FrameCodec.Read(body);

        read.Should().Throw<MalformedFrameException>(kind).WithMessage("*unexpected bytes*");
    }

    [Fact]
    public void Random_bodies_never_throw_anything_but_malformed()
    {
        var random = new Random(4711);
        for (var i = 0; i < 20_000; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            if (body.Length > 0)
            {
                // Mostly valid kinds, so the decoders behind them are exercised.
                body[0] = (byte)random.Next(0, 16);
            }

            try
            {
                FrameCodec.Read(body);
            }
            catch (MalformedFrameException)
            {
                // The only acceptable failure.
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 99 }, "unknown frame kind 99")]
    [InlineData(new byte[] { 3, 1, 9, 0, 0, 0 }, "unknown system message kind 9")]
    [InlineData(new byte[] { 3, 1, 1, 0, 0, 2 }, "existence-confirmed flag 2*")]
    [InlineData(new byte[] { 1, 200, 1 }, "the recipient claims*")]
    [InlineData(new byte[] { 1, 2, 0xC3, 0x28, 0, 0, 0 }, "the recipient is not valid UTF-8")]
    [InlineData(new byte[] { 4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "*past 64 bits")]
    public void Malformed_bodies_say_what_is_wrong(byte[] body, string expected)
    {
        var read = () => FrameCodec.Read(body);

        read.Should().Throw<MalformedFrameException>().WithMessage(expected);
    }

    [Fact]
    public void The_message_fast_path_writes_the_same_bytes_as_a_message_frame()
    {
        var frame = new Frame.Message("r", "s", "m", new byte[] { 9, 8 });
        var fast = new ArrayBufferWriter<byte>();

        FrameCodec.WriteMessage(fast, "r", "s", "m", new byte[] { 9, 8 });

        fast.WrittenSpan.ToArray().Should().Equal(Encode(frame));
    }

    private static byte[] Encode(Frame frame)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameCodec.Write(output, frame);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Byte payloads compared by content rather than by reference.</summary>
    private static object Normalize(Frame frame) => frame switch
    {
        Frame.Message m => (m.Recipient, m.Sender, m.Manifest, Convert.ToHexString(m.Payload.Span)),
        Frame.Selection s => (s.Anchor, s.Elements, s.Sender, s.Manifest, Convert.ToHexString(s.Payload.Span)),
        Frame.Hello h => (h.ProtocolVersion, h.From, h.FromUid, h.To, Convert.ToHexString(h.Nonce.Span)),
        Frame.Challenge c => (c.From, c.FromUid, Convert.ToHexString(c.Nonce.Span), Convert.ToHexString(c.Proof.Span)),
        Frame.ClientProof p => Convert.ToHexString(p.Proof.Span),
        _ => frame,
    };
}
