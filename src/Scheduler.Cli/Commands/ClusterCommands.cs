using System.CommandLine;
using Scheduler.Cli.Output;
using Scheduler.Client.Http;
using Scheduler.Client.Views;

namespace Scheduler.Cli.Commands;

/// <summary><c>cluster members|leave|down</c>, <c>workers</c> and <c>shards</c>: the cluster as the node sees it.</summary>
internal static class ClusterCommands
{
    public static Command Cluster(CommandRunner runner)
    {
        var cluster = new Command("cluster", "The cluster's members");
        cluster.Subcommands.Add(runner.Command("members", "List the members with status, reachability and roles", async (context, _, cancellationToken) =>
        {
            context.Print.Result(await context.Client.GetClusterAsync(cancellationToken).ConfigureAwait(false), Tables.Cluster);
            return ExitCodes.Ok;
        }));
        cluster.Subcommands.Add(Member(runner, "leave", "Ask a member to leave the cluster gracefully (its shards move first)", (client, address, cancellationToken) => client.LeaveAsync(address, cancellationToken)));
        cluster.Subcommands.Add(Member(runner, "down", "Mark a member down: only for one known to be gone; its tasks move to the others", (client, address, cancellationToken) => client.DownAsync(address, cancellationToken)));
        return cluster;
    }

    public static Command Workers(CommandRunner runner) => runner.Command("workers", "List the workers with their load, and the ready tasks per node",
        async (context, _, cancellationToken) =>
        {
            context.Print.Result(await context.Client.GetWorkersAsync(cancellationToken).ConfigureAwait(false), Tables.Workers);
            return ExitCodes.Ok;
        });

    public static Command Shards(CommandRunner runner) => runner.Command("shards", "List the task and schedule shards and where they live",
        async (context, _, cancellationToken) =>
        {
            context.Print.Result(await context.Client.GetShardsAsync(cancellationToken).ConfigureAwait(false), Tables.Shards);
            return ExitCodes.Ok;
        });

    private static Command Member(CommandRunner runner, string name, string description, Func<SchedulerHttpClient, string, CancellationToken, Task<ClusterOverview>> call)
    {
        var address = new Argument<string>("address") { Description = "The member's address, such as sched.tcp://scheduler@127.0.0.1:2553" };
        return runner.Command(name, description, async (context, parsed, cancellationToken) =>
        {
            var cluster = await call(context.Client, parsed.GetValue(address)!, cancellationToken).ConfigureAwait(false);
            context.Print.Note("asked: " + name + " " + parsed.GetValue(address) + "; the membership now:");
            context.Print.Result(cluster, Tables.Cluster);
            return ExitCodes.Ok;
        }, command => command.Arguments.Add(address));
    }
}
