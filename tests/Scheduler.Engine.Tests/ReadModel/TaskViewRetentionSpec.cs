using System.Text.Json;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.Engine;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>Finished tasks leave the read model after the retention; unfinished ones stay, and a get still finds both.</summary>
public sealed class TaskViewRetentionSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine.read-model {
      retention = 1ms
      prune-interval = 200ms
    }
    """)
{
    [Fact]
    public async Task A_finished_task_past_the_retention_leaves_the_list_and_a_running_one_stays()
    {
        await SubmitAsync(Noop("done-1"));
        await SubmitAsync(new TaskSpec { Id = "long-1", Type = "sleep", Payload = JsonDocument.Parse("""{"ms":600000}""").RootElement.Clone() });
        AwaitState("done-1", TaskState.Succeeded);
        AwaitState("long-1", TaskState.Running);

        AwaitCondition(() =>
        {
            var listed = Client.ListAsync(new TaskQuery()).GetAwaiter().GetResult().Tasks.Select(t => t.Id).ToList();
            return listed.Contains("long-1") && !listed.Contains("done-1");
        }, TimeSpan.FromSeconds(15));

        (await GetAsync("done-1")).State.Should().Be(TaskState.Succeeded, "the journal keeps what the read model let go");
    }
}
