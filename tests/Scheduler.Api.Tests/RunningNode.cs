using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Hosting;
using Scheduler.Node;

namespace Scheduler.Api.Tests;

/// <summary>
/// The real node executable's application (<see cref="NodeApplication"/>) on a real Kestrel at a free loopback port,
/// with SQLite in a fresh folder, remoting on a free port, and whatever else <c>args</c> sets.
/// </summary>
public sealed class RunningNode : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _folder;

    private RunningNode(WebApplication app, string folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public SchedulerNode Node => _app.Services.GetRequiredService<SchedulerNode>();

    /// <summary>Starts a node; with <paramref name="withToken"/> the API asks for <see cref="Token"/>.</summary>
    public static async Task<RunningNode> StartAsync(bool withToken = true, string[]? args = null, Action<SchedulerBuilder>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-api-").FullName;
        string[] all =
        [
            "--scheduler:remote:port=0",
            "--scheduler:api:port=0",
            "--scheduler:persistence:sql:connection-string=Data Source=" + Path.Combine(folder, "data", "scheduler.db"),
            .. withToken ? ["--scheduler:api:authentication=token", "--scheduler:api:token=" + Token] : Array.Empty<string>(),
            .. args ?? [],
        ];
        var app = NodeApplication.Build(all, configure);
        await app.StartAsync();
        var node = app.Services.GetRequiredService<SchedulerNode>();
        await node.Started;
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Cluster.RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningNode(app, folder, new Uri(address));
    }

    /// <summary>A client of the API; with <paramref name="token"/> (the right one by default) as its bearer token.</summary>
    public HttpClient Client(string? token = Token)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
