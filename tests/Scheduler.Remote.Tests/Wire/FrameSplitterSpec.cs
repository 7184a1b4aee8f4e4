using System.Buffers;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Tests.Wire;

public sealed class FrameSplitterSpec
{
    private static byte[] Frames(params Frame[] frames)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var frame in frames)
        {
            FrameCodec.Write(output, frame);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Feeds <paramref name="stream"/> in chunks the way a pipe would, keeping unconsumed bytes.</summary>
    private static (List<Frame> Frames, int Oversize) Split(byte[] stream, int chunk, int limit = 1024)
    {
        var splitter = new FrameSplitter(limit);
        var frames = new List<Frame>();
        var oversize = 0;
        var pending = Array.Empty<byte>();
        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            pending = [.. pending, .. stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset))];
            var buffer = new ReadOnlySequence<byte>(pending);
            while (true)
            {
                var result = splitter.TryNext(ref buffer, out var body);
                if (result == SplitResult.NeedMore)
                {
                    break;
                }

                if (result == SplitResult.Oversize)
                {
                    oversize++;
                    continue;
                }

                frames.Add(FrameCodec.Read(body.ToArray()));
            }

            pending = buffer.ToArray();
        }

        return (frames, oversize);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Frames_arriving_in_any_pieces_come_out_whole_and_in_order(int chunk)
    {
        var stream = Frames(new Frame.Ack(1), new Frame.Rejected("two"), Frame.Heartbeat.Instance, new Frame.Ack(4));

        var (frames, oversize) = Split(stream, chunk);

        oversize.Should().Be(0);
        frames.Should().Equal(new Frame.Ack(1), new Frame.Rejected("two"), Frame.Heartbeat.Instance, new Frame.Ack(4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(100_000)]
    public void An_oversize_frame_is_skipped_without_buffering_and_the_next_frame_still_reads(int chunk)
    {
        var huge = new Frame.Rejected(new string('x', 5_000));
        var stream = Frames(new Frame.Ack(1), huge, new Frame.Ack(2));

        var (frames, oversize) = Split(stream, chunk, limit: 1024);

        oversize.Should().Be(1);
        frames.Should().Equal(new Frame.Ack(1), new Frame.Ack(2));
    }
}
