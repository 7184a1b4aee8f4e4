using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scheduler.Actors;
using Scheduler.Api.Json;
using Scheduler.Api.Problems;
using Scheduler.Client.Json;
using Scheduler.Client.Views;
using Scheduler.Engine;
using Scheduler.Engine.Dispatch;
using Scheduler.Hosting;
using Scheduler.Sharding;

namespace Scheduler.Api.ClusterView;

/// <summary>
/// <c>/api/cluster</c>, <c>/api/workers</c> and <c>/api/shards</c>: the members as this node sees them (and asking one
/// to leave or downing it), the workers with their load, and where the task and schedule shards live.
/// </summary>
internal static class ClusterEndpoints
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/cluster", (SchedulerNode node) => TypedResults.Ok(Overviews.Of(node.Cluster)))
            .WithTags("cluster").WithName("getCluster").Produces<ClusterOverview>();
        api.MapPost("/cluster/leave", (HttpRequest request, SchedulerNode node) => OnMemberAsync(request, node, leave: true))
            .WithTags("cluster").WithName("leaveMember").Accepts<MemberRequest>("application/json").Produces<ClusterOverview>(StatusCodes.Status202Accepted);
        api.MapPost("/cluster/down", (HttpRequest request, SchedulerNode node) => OnMemberAsync(request, node, leave: false))
            .WithTags("cluster").WithName("downMember").Accepts<MemberRequest>("application/json").Produces<ClusterOverview>(StatusCodes.Status202Accepted);
        api.MapGet("/workers", WorkersAsync).WithTags("cluster").WithName("listWorkers").Produces<WorkersOverview>();
        api.MapGet("/shards", ShardsAsync).WithTags("cluster").WithName("listShards").Produces<ShardsOverview>();
    }

    // Leave and down are asked of the cluster and happen through gossip: the answer is 202 with the membership now.
    private static async Task<IResult> OnMemberAsync(HttpRequest request, SchedulerNode node, bool leave)
    {
        var (body, problem) = await JsonBody.ReadAsync<MemberRequest>(request, "a member request ({\"address\": \"sched.tcp://system@host:port\"})").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!ActorPath.TryParse(body!.Address ?? "", out var path, out var error) || path.Elements.Count > 0)
        {
            return ApiProblems.Invalid("address", "'" + body.Address + "' is not a node address such as sched.tcp://scheduler@127.0.0.1:2552" +
                (error.Length > 0 ? " (" + error + ")" : ""), "The member request is invalid");
        }

        var cluster = node.Cluster;
        if (!cluster.State.Members.Any(member => member.Address == path.Address))
        {
            return ApiProblems.NotFound("no member of the cluster has the address '" + body.Address + "'");
        }

        if (leave)
        {
            cluster.Leave(path.Address);
        }
        else
        {
            cluster.Down(path.Address);
        }

        return TypedResults.Accepted((string?)null, Overviews.Of(cluster));
    }

    private static async Task<IResult> WorkersAsync(SchedulerNode node, CancellationToken cancel)
    {
        var states = await node.Engine.GetDispatcherStatesAsync(QueryTimeout, cancel).ConfigureAwait(false);
        return TypedResults.Ok(Overviews.Of(states));
    }

    private static async Task<IResult> ShardsAsync(SchedulerNode node, CancellationToken cancel)
    {
        var shards = new List<ShardPlacement>();
        foreach (var (type, region) in new[] { (SchedulerEngine.TaskTypeName, node.Tasks), (SchedulerEngine.ScheduleTypeName, node.Schedules) })
        {
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(QueryTimeout), QueryTimeout * 2, cancel).ConfigureAwait(false);
            shards.AddRange(stats.Regions.SelectMany(region => region.Value.Stats.Select(shard =>
                new ShardPlacement(type, shard.Key, region.Key.ToString(), shard.Value))));
        }

        return TypedResults.Ok(new ShardsOverview([.. shards.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Shard, StringComparer.Ordinal)]));
    }
}
