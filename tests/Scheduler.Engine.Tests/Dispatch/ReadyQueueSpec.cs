using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Model;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Dispatch;

public sealed class ReadyQueueSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tasks_come_out_by_priority_then_due_time_then_arrival()
    {
        var queue = new ReadyQueue();
        queue.Add(Task("low", 1, T0, 0));
        queue.Add(Task("late", 5, T0.AddSeconds(5), 1));
        queue.Add(Task("early-second", 5, T0, 3));
        queue.Add(Task("early-first", 5, T0, 2));
        queue.Add(Task("urgent", 9, T0.AddHours(1), 4));

        Drain(queue).Should().Equal("urgent", "early-first", "early-second", "late", "low");
    }

    [Fact]
    public void Each_placement_class_has_its_own_head()
    {
        var queue = new ReadyQueue();
        var gpu = new PlacementSpec { RequiredTags = ["gpu"] };
        queue.Add(Task("a", 5, T0, 0));
        queue.Add(Task("b", 5, T0, 1, gpu));
        queue.Add(Task("c", 9, T0, 2, gpu));

        queue.Heads.Select(h => h.TaskId).Should().BeEquivalentTo("a", "c");
    }

    [Fact]
    public void Adding_an_id_again_replaces_it_and_removing_leaves_no_empty_class()
    {
        var queue = new ReadyQueue();
        queue.Add(Task("a", 1, T0, 0, new PlacementSpec { RequiredTags = ["x"] }));
        queue.Add(Task("a", 9, T0, 1));

        queue.Count.Should().Be(1);
        queue.Heads.Should().ContainSingle().Which.Priority.Should().Be(9);
        queue.Remove("a").Should().BeTrue();
        queue.Remove("a").Should().BeFalse();
        queue.Heads.Should().BeEmpty();
    }

    private ReadyTask Task(string id, int priority, DateTimeOffset due, long arrival, PlacementSpec? placement = null) =>
        new(id, priority, due, arrival, placement ?? PlacementSpec.Default, TestActor);

    private static List<string> Drain(ReadyQueue queue)
    {
        var order = new List<string>();
        while (queue.Count > 0)
        {
            var next = queue.Heads.Min(ReadyQueue.Order)!;
            order.Add(next.TaskId);
            queue.Remove(next.TaskId);
        }

        return order;
    }
}
