using System.Net;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests;

/// <summary>The schedule endpoints and the cluster, workers and shards views against a real node.</summary>
public sealed class ScheduleAndClusterApiSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly HttpClient _http = fixture.Node.Client();

    [Fact]
    public async Task A_schedule_is_created_read_listed_paused_resumed_and_deleted()
    {
        var created = await _http.PostAsync("/api/schedules", Json.Body("""{"id":"hourly","trigger":{"every":"1h"},"task":{"type":"noop"}}"""));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/api/schedules/hourly");
        var view = await Json.ReadAsync(created);
        view.Text("status").Should().Be("active");
        view.GetProperty("spec").GetProperty("trigger").Text("every").Should().Be("01:00:00");

        (await Json.ReadAsync(await _http.GetAsync("/api/schedules/hourly"))).Text("id").Should().Be("hourly");
        (await Json.ReadAsync(await _http.PostAsync("/api/schedules/hourly/pause", null))).Text("status").Should().Be("paused");
        AwaitAssert(() =>
        {
            var page = Json.ReadAsync(_http.GetAsync("/api/schedules?status=paused").GetAwaiter().GetResult()).GetAwaiter().GetResult();
            page.GetProperty("schedules").EnumerateArray().Select(schedule => schedule.Text("id")).Should().Contain("hourly");
        }, TimeSpan.FromSeconds(15));
        (await Json.ReadAsync(await _http.PostAsync("/api/schedules/hourly/resume", null))).Text("status").Should().Be("active");
        (await _http.DeleteAsync("/api/schedules/hourly")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _http.GetAsync("/api/schedules/hourly")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.PostAsync("/api/schedules/hourly/pause", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_cluster_view_shows_this_node_up_with_its_worker_and_shards()
    {
        var cluster = await Json.ReadAsync(await _http.GetAsync("/api/cluster"));
        var self = cluster.Text("self");
        cluster.Text("leader").Should().Be(self);
        var member = cluster.GetProperty("members").EnumerateArray().Single();
        member.Text("address").Should().Be(self);
        member.Text("status").Should().Be("up");
        member.GetProperty("reachable").GetBoolean().Should().BeTrue();
        member.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).Should().Contain("worker");

        var workers = await Json.ReadAsync(await _http.GetAsync("/api/workers"));
        var worker = workers.GetProperty("workers").EnumerateArray().Single();
        worker.Text("node").Should().Be(self);
        worker.GetProperty("slots").GetInt32().Should().Be(8);
        workers.GetProperty("queues").EnumerateArray().Single().Text("node").Should().Be(self);

        (await _http.PostAsync("/api/tasks", Json.Body("""{"id":"shard-probe","type":"noop"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        var shards = await Json.ReadAsync(await _http.GetAsync("/api/shards"));
        shards.GetProperty("shards").EnumerateArray().Should().Contain(shard => shard.Text("type") == "task" && shard.Text("node") == self);
    }

    [Fact]
    public async Task A_client_node_lists_the_workers_of_the_engine_nodes_it_asks_over_the_network()
    {
        // Two nodes in one cluster over real sockets: a worker, and a client that runs no engine of its own.
        string[] engineOnWorkers = ["--scheduler:engine:role=worker"];
        await using var worker = await RunningNode.StartAsync(args: engineOnWorkers);
        var workerAddress = worker.Node.Cluster.SelfAddress.ToString();
        await using var client = await RunningNode.StartAsync(args: [.. engineOnWorkers,
            "--scheduler:cluster:roles:0=client", "--scheduler:cluster:seed-nodes:0=" + workerAddress]);
        using var http = client.Client();

        // The worker advertises its slots to its dispatcher as it starts: asked again until it has.
        AwaitAssert(() =>
        {
            var workers = Json.ReadAsync(http.GetAsync("/api/workers").GetAwaiter().GetResult()).GetAwaiter().GetResult();
            var only = workers.GetProperty("workers").EnumerateArray().Single();
            only.Text("node").Should().Be(workerAddress);
            only.GetProperty("slots").GetInt32().Should().Be(8);
            workers.GetProperty("queues").EnumerateArray().Select(queue => queue.Text("node")).Should().Equal(workerAddress);
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Readiness_turns_healthy_once_the_node_is_up_with_its_journal()
    {
        using var open = fixture.Node.Client(token: null);
        AwaitAssert(() => open.GetAsync("/readyz").GetAwaiter().GetResult().StatusCode.Should().Be(HttpStatusCode.OK), TimeSpan.FromSeconds(15));
        (await open.GetStringAsync("/readyz")).Should().Be("Healthy");
    }
}
