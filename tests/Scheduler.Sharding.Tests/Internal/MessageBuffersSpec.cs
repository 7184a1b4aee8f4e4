using Scheduler.Actors;
using Scheduler.Sharding.Internal;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Internal;

public sealed class MessageBuffersSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private IActorRef Nobody => TestActor;
    [Fact]
    public void Holds_messages_per_key_in_order_and_gives_them_back_once()
    {
        var buffers = new MessageBuffers(10);
        buffers.TryAdd("s1", "a", Nobody).Should().BeTrue();
        buffers.TryAdd("s2", "b", Nobody).Should().BeTrue();
        buffers.TryAdd("s1", "c", Nobody).Should().BeTrue();

        buffers.Take("s1").Select(m => m.Message).Should().Equal("a", "c");
        buffers.Take("s1").Should().BeEmpty();
        buffers.Contains("s2").Should().BeTrue();
        buffers.Count.Should().Be(1);
    }

    [Fact]
    public void The_limit_counts_every_key_and_a_refused_message_is_not_held()
    {
        var buffers = new MessageBuffers(2);
        buffers.TryAdd("s1", "a", Nobody).Should().BeTrue();
        buffers.TryAdd("s2", "b", Nobody).Should().BeTrue();

        buffers.TryAdd("s3", "c", Nobody).Should().BeFalse();

        buffers.Contains("s3").Should().BeFalse();
        buffers.Count.Should().Be(2);
        buffers.Take("s1");
        buffers.TryAdd("s3", "c", Nobody).Should().BeTrue();
    }
}
