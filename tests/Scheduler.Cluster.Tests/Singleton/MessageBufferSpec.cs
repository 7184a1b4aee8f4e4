using Scheduler.Cluster.Singleton;

namespace Scheduler.Cluster.Tests.Singleton;

public sealed class MessageBufferSpec
{
    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_and_the_buffer_is_empty_after()
    {
        var buffer = new MessageBuffer(3);
        buffer.Add("a", null).Should().BeNull();
        buffer.Add("b", null).Should().BeNull();

        buffer.Drain().Select(m => m.Message).Should().Equal("a", "b");
        buffer.Count.Should().Be(0);
    }

    [Fact]
    public void When_full_the_oldest_message_is_dropped_to_make_room()
    {
        var buffer = new MessageBuffer(2);
        buffer.Add("a", null);
        buffer.Add("b", null);

        buffer.Add("c", null)!.Value.Message.Should().Be("a");
        buffer.Drain().Select(m => m.Message).Should().Equal("b", "c");
    }

    [Fact]
    public void A_buffer_of_size_zero_holds_nothing() =>
        new MessageBuffer(0).Add("a", null)!.Value.Message.Should().Be("a");
}
