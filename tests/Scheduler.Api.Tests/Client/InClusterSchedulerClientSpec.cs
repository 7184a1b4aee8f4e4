using Scheduler.Client;
using Scheduler.Client.Http;
using Scheduler.Client.InCluster;
using Scheduler.Client.Problems;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Client;

/// <summary>
/// The in-cluster client, which sends commands straight to the node's sharding regions: it works as the HTTP client
/// does, and each refusal is the same exception with the same problem on both paths.
/// </summary>
public sealed class InClusterSchedulerClientSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly InClusterSchedulerClient _inCluster = new(fixture.Node.Node.Client);
    private readonly SchedulerHttpClient _http = new(new SchedulerClientOptions { BaseAddress = fixture.Node.Address, Token = RunningNode.Token });

    public static TheoryData<string> Refusals => ["unknown task", "resume not paused", "unknown type", "bad priority", "bad page size", "bad cursor", "unknown schedule"];

    [Fact]
    public async Task A_task_submitted_in_the_cluster_runs_and_its_watch_ends_when_it_has_succeeded()
    {
        var submitted = await _inCluster.SubmitAsync(new TaskSpec { Id = "in-cluster-1", Type = "sleep", Payload = SchedulerHttpClientSpec.Payload("""{"ms":20}""") });
        var ended = await _inCluster.WaitAsync("in-cluster-1");

        submitted.Created.Should().BeTrue();
        ended.State.Should().Be(TaskState.Succeeded);
        (await _http.GetAsync("in-cluster-1")).State.Should().Be(TaskState.Succeeded, "both paths see the same task");
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_is_the_same_exception_and_problem_on_both_paths(string refusal)
    {
        await _inCluster.SubmitAsync(new TaskSpec { Id = "in-cluster-later", Type = "noop", Delay = TimeSpan.FromHours(1) });
        Func<ISchedulerClient, Task> call = refusal switch
        {
            "unknown task" => client => client.GetAsync("in-cluster-missing"),
            "resume not paused" => client => client.ResumeAsync("in-cluster-later"),
            "unknown type" => client => client.SubmitAsync(new TaskSpec { Id = "in-cluster-bad", Type = "no-such-type" }),
            "bad priority" => client => client.SubmitAsync(new TaskSpec { Id = "in-cluster-bad", Type = "noop", Priority = -1 }),
            "bad page size" => client => client.ListAsync(new TaskQuery { Limit = TaskQuery.MaxLimit + 1 }),
            "bad cursor" => client => client.ListAsync(new TaskQuery { After = "@@@" }),
            "unknown schedule" => client => client.PauseScheduleAsync("in-cluster-missing"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };

        var overHttp = await Assert.ThrowsAnyAsync<SchedulerProblemException>(() => call(_http));
        var inCluster = await Assert.ThrowsAnyAsync<SchedulerProblemException>(() => call(_inCluster));

        inCluster.GetType().Should().Be(overHttp.GetType());
        inCluster.Status.Should().Be(overHttp.Status);
        inCluster.Problem.Title.Should().Be(overHttp.Problem.Title);
        inCluster.Problem.Detail.Should().Be(overHttp.Problem.Detail);
        inCluster.Problem.Errors.Should().BeEquivalentTo(overHttp.Problem.Errors);
    }

    [Fact]
    public async Task A_watch_of_an_unknown_task_is_not_found_on_both_paths()
    {
        await Assert.ThrowsAsync<SchedulerNotFoundException>(async () => await _inCluster.WatchAsync("in-cluster-never").GetAsyncEnumerator().MoveNextAsync());
        await Assert.ThrowsAsync<SchedulerNotFoundException>(async () => await _http.WatchAsync("in-cluster-never").GetAsyncEnumerator().MoveNextAsync());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }
}
