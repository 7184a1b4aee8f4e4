using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Api;
using Scheduler.Configuration;
using Scheduler.Hosting;

namespace Scheduler.Node;

/// <summary>
/// The node executable as an application: its configuration, a scheduler node, and the REST API. Configuration layers,
/// later over earlier: reference.conf; the HOCON file of <c>--config</c> (or <see cref="DevelopmentDefaults"/> when
/// there is none); environment variables (<c>scheduler__remote__port=2553</c>); command-line switches
/// (<c>--scheduler:remote:port=2553</c>).
/// </summary>
public static class NodeApplication
{
    /// <summary>The actor system's name; every node of a cluster uses the same.</summary>
    public const string SystemName = "scheduler";

    /// <summary>Builds the node from its command-line <paramref name="args"/>; <paramref name="configure"/> may add to the scheduler (tests add executors).</summary>
    public static WebApplication Build(string[] args, Action<SchedulerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var switches = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var layers = new ConfigurationBuilder();
        if (switches["config"] is { Length: > 0 } file)
        {
            layers.AddHoconFile(Path.GetFullPath(file), optional: false);
        }
        else
        {
            layers.AddHoconString(DevelopmentDefaults.Hocon, "development defaults");
        }

        var configuration = layers.AddConfiguration(switches).Build();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders().AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        }).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var api = builder.Services.AddSchedulerApi(configuration);
        builder.WebHost.UseUrls("http://" + (api.Hostname.Contains(':', StringComparison.Ordinal) ? "[" + api.Hostname + "]" : api.Hostname) + ":" +
            api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Services.AddScheduler(SystemName, node =>
        {
            node.AddConfiguration(configuration);
            configure?.Invoke(node);
        });

        var app = builder.Build();
        app.UseSchedulerApi();
        app.Lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(app, api));
        return app;
    }

    // Once the node is up, say where the API is and how to use it: the first thing a newcomer needs.
    private static async Task AnnounceAsync(WebApplication app, ApiSettings api)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scheduler.Node");
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        try
        {
            await app.Services.GetRequiredService<SchedulerNode>().Started.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            NodeLog.StartFailed(log, error);
            return;
        }

        NodeLog.ApiReady(log, url, api.RequireToken ? "bearer token required" : "no token: loopback development");
        NodeLog.HowToSubmit(log, url, api.RequireToken ? " -H 'authorization: Bearer $SCHEDULER_API_TOKEN'" : "");
    }
}
