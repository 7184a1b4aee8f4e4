using Scheduler.Remote.Delivery;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Tests.Delivery;

public sealed class SystemMessageDeliverySpec
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    private static SystemMessageBuffer Buffer(int capacity = 10) => new(capacity, TimeSpan.FromSeconds(60));

    private static Frame.SystemEnvelope Add(SystemMessageBuffer buffer, string subject, TimeSpan? at = null)
    {
        buffer.TryAdd(SystemKind.Watch, subject, "w", existenceConfirmed: false, at ?? T0, out var frame).Should().BeTrue();
        return frame;
    }

    [Fact]
    public void Messages_are_numbered_from_one_and_stay_until_an_ack_covers_them()
    {
        var buffer = Buffer();
        Add(buffer, "a");
        Add(buffer, "b");
        Add(buffer, "c");

        buffer.Acknowledge(2);

        buffer.Unacknowledged.Select(frame => (frame.Sequence, frame.Subject)).Should().Equal((3UL, "c"));
        buffer.Acknowledged.Should().Be(2);
    }

    [Fact]
    public void A_stale_or_impossible_ack_changes_nothing()
    {
        var buffer = Buffer();
        Add(buffer, "a");
        Add(buffer, "b");
        buffer.Acknowledge(1);

        buffer.Acknowledge(0);
        buffer.Acknowledge(99);

        buffer.Unacknowledged.Select(frame => frame.Sequence).Should().Equal(2UL);
        buffer.Acknowledged.Should().Be(1);
    }

    [Fact]
    public void A_full_buffer_refuses_and_an_old_message_makes_it_overdue()
    {
        var buffer = Buffer(capacity: 2);
        Add(buffer, "a", T0);
        Add(buffer, "b", T0 + TimeSpan.FromSeconds(30));

        buffer.TryAdd(SystemKind.Unwatch, "c", "w", existenceConfirmed: false, T0, out _).Should().BeFalse();
        buffer.IsOverdue(T0 + TimeSpan.FromSeconds(60)).Should().BeFalse();
        buffer.IsOverdue(T0 + TimeSpan.FromSeconds(61)).Should().BeTrue();
        buffer.Acknowledge(1);
        buffer.IsOverdue(T0 + TimeSpan.FromSeconds(61)).Should().BeFalse("the oldest left was sent 30 s later");
    }

    [Fact]
    public void Reset_starts_numbering_again_for_a_new_incarnation()
    {
        var buffer = Buffer();
        Add(buffer, "a");
        Add(buffer, "b");

        buffer.Reset();

        buffer.Count.Should().Be(0);
        Add(buffer, "c").Sequence.Should().Be(1);
    }

    [Fact]
    public void The_receiver_delivers_each_number_once_in_order_and_waits_for_a_gap_to_be_filled()
    {
        var receiver = new SystemMessageReceiver();

        var decisions = new ulong[] { 1, 1, 3, 2, 2, 3, 4 }.Select(receiver.Accept).ToList();

        decisions.Should().Equal(true, false, false, true, false, true, true);
        receiver.Delivered.Should().Be(4);
    }

    [Fact]
    public void Resending_everything_after_any_loss_delivers_every_message_exactly_once()
    {
        // Property: whatever prefix of each transmission is lost, resending all unacknowledged
        // messages until acknowledged delivers 1..n exactly once, in order.
        var random = new Random(17);
        for (var run = 0; run < 500; run++)
        {
            var buffer = Buffer(capacity: 100);
            var receiver = new SystemMessageReceiver();
            var delivered = new List<ulong>();
            var total = random.Next(1, 30);
            for (var i = 0; i < total; i++)
            {
                Add(buffer, $"m{i}");
            }

            var rounds = 0;
            while (buffer.Count > 0)
            {
                rounds++.Should().BeLessThan(1_000);
                var sent = buffer.Unacknowledged.ToList();
                var arrives = random.Next(0, sent.Count + 1);
                foreach (var frame in sent.Take(arrives))
                {
                    if (receiver.Accept(frame.Sequence))
                    {
                        delivered.Add(frame.Sequence);
                    }
                }

                if (random.Next(2) == 0)
                {
                    buffer.Acknowledge(receiver.Delivered);
                }
            }

            delivered.Should().Equal(Enumerable.Range(1, total).Select(static n => (ulong)n));
        }
    }
}
