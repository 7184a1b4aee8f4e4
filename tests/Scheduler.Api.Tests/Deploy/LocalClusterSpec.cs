using System.Diagnostics;
using System.Text.Json;
using Scheduler.Api.Tests.Cli;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Deploy;

/// <summary>
/// End to end, as the README's tour does it: <c>deploy/local-cluster.sh up</c> starts PostgreSQL, a seed and two
/// members; <c>schedctl</c> submits tasks; one member that runs some of them is killed with SIGKILL; every task still
/// succeeds, on the nodes that are left; <c>down</c> stops everything it started.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Every_task_succeeds_when_a_member_running_some_of_them_is_killed()
    {
        await using var cluster = LocalCluster.Create();
        var up = await cluster.RunAsync("up");
        up.ExitCode.Should().Be(0, up.Output);
        up.Output.Should().Contain("all three members are Up").And.Contain(cluster.SeedApi.ToString().TrimEnd('/'));

        var cli = new Schedctl(cluster.SeedApi, cluster.Token);
        var members = JsonDocument.Parse((await cli.RunAsync("cluster", "members", "-o", "json")).Output).RootElement.GetProperty("members")
            .EnumerateArray().Select(member => member.Text("address")).ToList();
        members.Should().HaveCount(3);
        var victim = cluster.Address("member-2");
        members.Should().Contain(victim);
        var file = Path.Combine(cluster.Folder, "tasks.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 30).Select(n => "{\"id\":\"e2e-" + n + "\",\"type\":\"sleep\",\"payload\":{\"ms\":3000}}"));

        var submit = await cli.RunAsync("submit", "--file", file);
        submit.ExitCode.Should().Be(0, submit.ToString());
        IReadOnlyList<string> stranded = [];
        AwaitCondition(() => (stranded = RunningOn(cli, victim)).Count > 0, TimeSpan.FromSeconds(60), message: "a task running on " + victim);
        const string victimName = "member-2";
        Process.GetProcessById(cluster.Pid(victimName)).Kill(); // SIGKILL: no leaving, no hand-off

        // Submitting the same file again finds the same tasks (same ids) and --wait follows each to its end.
        var wait = await cli.RunAsync("submit", "--file", file, "--wait");

        wait.ExitCode.Should().Be(0, wait + "\n--- " + victimName + " log\n" + cluster.Log(victimName));
        wait.Output.Should().Contain("0 created, 30 already existed").And.Contain("30 of 30 tasks succeeded");
        // The listing may lag a moment behind, so a task it showed running on the victim may have finished there just
        // before the kill; most were still running, and those finished on another member.
        var movedOn = new List<string>();
        foreach (var id in stranded)
        {
            var task = JsonDocument.Parse((await cli.RunAsync("get", id, "-o", "json")).Output).RootElement;
            if (task.Text("node") != victim)
            {
                movedOn.Add(id);
            }
        }

        movedOn.Should().NotBeEmpty("tasks running on the killed member ({0}) finish on the others", string.Join(", ", stranded));

        var status = await cluster.RunAsync("status");
        status.Output.Should().Contain(victimName + ": stopped");
        var down = await cluster.RunAsync("down");
        down.ExitCode.Should().Be(0, down.Output);
        (await cluster.RunAsync("status")).Output.Should().Contain("seed: stopped").And.Contain("member-1: stopped").And.Contain("postgres: stopped");
    }

    private static List<string> RunningOn(Schedctl cli, string node)
    {
        var page = cli.RunAsync("list", "--state", "running", "--limit", "100", "-o", "json").GetAwaiter().GetResult();
        return page.ExitCode != 0 ? [] : [.. JsonDocument.Parse(page.Output).RootElement.GetProperty("tasks").EnumerateArray()
            .Where(task => task.TryGetProperty("node", out var on) && on.GetString() == node)
            .Select(task => task.Text("id"))];
    }
}
